using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Hangfire;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Tests.Support;
using Xunit;
using static StoreBooks.Hosting.Tests.Adversarial.AdversarialRig;

namespace StoreBooks.Hosting.Tests.Adversarial;

/// <summary>
/// <c>/metrics</c> attacked from the README's table: after a run with an order QuickBooks cannot take, the counters are the run
/// log's; the scrape is valid Prometheus text whatever the connection is called; the queue gauge counts what waits. The meters
/// are process-wide, so these cases run in <see cref="MetricsCollection"/>, alone.
/// </summary>
[Collection(nameof(MetricsCollection))]
public sealed partial class MetricsAdversarialTests
{
    /// <summary>A connection name with everything a label value must escape, and a token to find it by.</summary>
    private const string OddName = "Ådv7x \"Maple\" Lane\\Goods\nline two\t{x=\"1\"} ünïcødé";

    [Fact]
    public async Task After_a_run_with_an_order_that_cannot_post_the_metrics_are_the_run_logs_and_valid_prometheus_text()
    {
        // One order's figures no longer add up (its total is 100.00 more than its lines, tax and shipping): README, the order
        // check refuses it with a message, and the rest of the run goes on. Expected: the run ends needing attention; /metrics
        // counts that one run under needs_attention, every orders_total{result} equals the run log's count of it, the QuickBooks
        // calls equal what the emulator served; the scrape parses as Prometheus text (HELP and TYPE once per family, before its
        // samples, label values escaped, histograms cumulative) and names neither the odd connection nor its workspace.
        const string realm = "9131700000000001";
        await using var rig = await HostedRig.CreateAsync();
        var connection = await rig.AddConnectedShopAsync(OddName, realm);
        var victim = (await OrdersAsync(rig)).First(o => (string?)o["financial_status"] == "paid" && (bool?)o["test"] != true && o["cancelled_at"] is null);
        var wrongTotal = (decimal.Parse((string)victim["total_price"]!, CultureInfo.InvariantCulture) + 100m).ToString("0.00", CultureInfo.InvariantCulture);
        await ChangeOrderAsync(rig, (long)victim["id"]!, new JsonObject
        {
            ["total_price"] = wrongTotal,
            ["total_price_set"] = null,
            ["current_total_price"] = wrongTotal,
            ["current_total_price_set"] = null,
        });

        var process = await rig.StartProcessAsync(ServeRole.All, "metrics-adv");
        await rig.WaitUntilSyncedAsync([connection.Id], process.Engine, TimeSpan.FromSeconds(120));
        var run = Assert.Single(await rig.RunsAsync(connection.Id));
        Log($"{run.Outcome}: {string.Join(",", run.Counts.Select(c => c.Key + "=" + c.Value))}");
        var issues = await rig.State.Runs.ListOpenIssuesAsync(connection.Id, Ct);
        Assert.Contains(issues, i => i.SourceId == ((long)victim["id"]!).ToString(CultureInfo.InvariantCulture) || i.Reference.Contains((string)victim["name"]!, StringComparison.Ordinal));
        Assert.Equal(RunOutcome.NeedsAttention, run.Outcome);
        Assert.True(run.Counts.GetValueOrDefault("orders.posted") > 0, "the rest of the run went on");

        using var http = new HttpClient { BaseAddress = process.Server.BaseUrl };
        using var response = await http.GetAsync("metrics", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        var problems = ExpositionProblems(text);
        Assert.True(problems.Count == 0, "Not valid Prometheus text:\n" + string.Join("\n", problems.Take(20)));
        var scrape = new PrometheusText(text);

        Assert.Equal(1, scrape.Sum("storebooks_sync_runs_total"));
        Assert.Equal(1, scrape.Sum("storebooks_sync_runs_total", ("outcome", "needs_attention")));
        foreach (var (key, count) in run.Counts.Where(c => c.Key.StartsWith("orders.", StringComparison.Ordinal)))
        {
            Assert.True(count == scrape.Sum("storebooks_sync_orders_total", ("result", key["orders.".Length..])),
                $"{key} is {count} in the run log and {scrape.Sum("storebooks_sync_orders_total", ("result", key["orders.".Length..]))} in /metrics");
        }

        Assert.Equal(run.Counts.Where(c => c.Key.StartsWith("orders.", StringComparison.Ordinal)).Sum(c => c.Value), scrape.Sum("storebooks_sync_orders_total"));
        Assert.True(scrape.Sum("storebooks_sync_orders_total") > scrape.Sum("storebooks_sync_orders_total", ("result", "posted")), "the refused order is counted under some result besides posted");
        var served = rig.Emulator.Qbo.Traffic.GetCounters(realm);
        Assert.Equal(served.Requests, scrape.Sum("storebooks_qbo_calls_total"));
        Assert.Equal(served.Requests, scrape.Sum("storebooks_qbo_call_duration_seconds_count"));

        var workspace = (await rig.State.Connections.GetAsync(connection.Id, Ct))!.WorkspaceId;
        foreach (var leak in new[] { "Ådv7x", "Maple", "ünïcødé", connection.Id.ToString(), workspace.ToString(), realm })
        {
            Assert.DoesNotContain(leak, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_queue_gauge_counts_the_syncs_waiting_for_a_worker_and_falls_to_zero_once_they_ran()
    {
        // Expected (README): storebooks_sync_queued is "syncs queued, not started (in hosted mode Hangfire's shared queues)". Three
        // connections queued by a web process with no worker anywhere: 3 on every process's scrape; once a worker has run them: 0.
        await using var rig = await HostedRig.CreateAsync();
        var ids = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            ids.Add((await rig.AddConnectedShopAsync($"waiting-{i}", $"91317000000001{i:00}")).Id);
        }

        var web = await rig.StartProcessAsync(ServeRole.Web);
        await using (var engine = await rig.OpenEngineAsync())
        {
            // The web process's dispatcher queues them too (never synced: due); one job each, whoever is first.
            var queue = new HangfireSyncQueue(engine.Client, engine.Claims);
            foreach (var id in ids)
            {
                queue.TryEnqueue(id, "schedule");
            }
        }

        using var http = new HttpClient { BaseAddress = web.Server.BaseUrl };
        await HostedRig.WaitUntilAsync(async () => new PrometheusText(await http.GetStringAsync("metrics", Ct)).Sum("storebooks_sync_queued") >= 3, TimeSpan.FromSeconds(30), "the gauge to count the three queued syncs");
        Assert.Equal(3L, web.Monitoring.GetStatistics().Enqueued);
        Assert.Equal(3, new PrometheusText(await http.GetStringAsync("metrics", Ct)).Sum("storebooks_sync_queued"));

        var worker = await rig.StartProcessAsync(ServeRole.Worker, "gauge-worker");
        await rig.WaitUntilSyncedAsync(ids, worker.Engine, TimeSpan.FromSeconds(150));
        using var workerHttp = new HttpClient { BaseAddress = worker.Server.BaseUrl };
        Assert.Equal(0, new PrometheusText(await http.GetStringAsync("metrics", Ct)).Sum("storebooks_sync_queued"));
        Assert.Equal(0, new PrometheusText(await workerHttp.GetStringAsync("metrics", Ct)).Sum("storebooks_sync_queued"));
    }

    /// <summary>What makes <paramref name="text"/> not Prometheus' text exposition format (0.0.4, or OpenMetrics' variant of it).</summary>
    private static List<string> ExpositionProblems(string text)
    {
        var problems = new List<string>();
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        var helped = new HashSet<string>(StringComparer.Ordinal);
        var sampled = new HashSet<string>(StringComparer.Ordinal);
        var buckets = new Dictionary<string, List<(double Le, double Count)>>(StringComparer.Ordinal);
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (line.Length == 0)
            {
                continue;
            }

            if (line == "# EOF")
            {
                if (lines.Skip(n + 1).Any(l => l.Length > 0))
                {
                    problems.Add($"line {n + 1}: # EOF before the end");
                }

                continue;
            }

            if (line.StartsWith('#'))
            {
                var comment = CommentLine().Match(line);
                if (!comment.Success)
                {
                    if (line.StartsWith("# HELP", StringComparison.Ordinal) || line.StartsWith("# TYPE", StringComparison.Ordinal))
                    {
                        problems.Add($"line {n + 1}: malformed: {line}");
                    }

                    continue;
                }

                var family = comment.Groups["name"].Value;
                if (sampled.Contains(family))
                {
                    problems.Add($"line {n + 1}: {comment.Groups["kind"].Value} of {family} after its samples");
                }

                if (comment.Groups["kind"].Value == "TYPE")
                {
                    if (!typed.TryAdd(family, comment.Groups["rest"].Value))
                    {
                        problems.Add($"line {n + 1}: a second TYPE for {family}");
                    }

                    if (comment.Groups["rest"].Value is not ("counter" or "gauge" or "histogram" or "summary" or "untyped" or "unknown" or "info" or "stateset" or "gaugehistogram"))
                    {
                        problems.Add($"line {n + 1}: unknown type {comment.Groups["rest"].Value}");
                    }
                }
                else if (!helped.Add(family))
                {
                    problems.Add($"line {n + 1}: a second HELP for {family}");
                }
                else if (Regex.IsMatch(comment.Groups["rest"].Value, @"\\[^\\n]"))
                {
                    problems.Add($"line {n + 1}: HELP with an escape other than \\\\ or \\n");
                }

                continue;
            }

            var sample = SampleLine().Match(line);
            if (!sample.Success)
            {
                problems.Add($"line {n + 1}: not a sample: {line}");
                continue;
            }

            var name = sample.Groups["name"].Value;
            var owner = typed.Keys.FirstOrDefault(f => name == f || (typed[f] is "histogram" or "summary" && (name == f + "_bucket" || name == f + "_sum" || name == f + "_count")) || (typed[f] == "counter" && (name == f + "_total" || name == f + "_created")) || (typed[f] == "info" && name == f + "_info"));
            if (owner is null)
            {
                problems.Add($"line {n + 1}: {name} has no TYPE before it");
                continue;
            }

            sampled.Add(owner);
            if (owner.StartsWith("storebooks_", StringComparison.Ordinal) && !helped.Contains(owner))
            {
                problems.Add($"line {n + 1}: {owner} has no HELP");
            }

            var labels = sample.Groups["labels"].Value;
            var labelNames = new List<string>();
            var others = new List<string>();
            double le = double.NaN;
            foreach (Match label in LabelPair().Matches(labels))
            {
                labelNames.Add(label.Groups["key"].Value);
                if (label.Groups["key"].Value == "le")
                {
                    le = ParseValue(label.Groups["value"].Value);
                }
                else
                {
                    others.Add(label.Value);
                }
            }

            if (labelNames.Count != labelNames.Distinct().Count())
            {
                problems.Add($"line {n + 1}: a label twice");
            }

            var value = ParseValue(sample.Groups["value"].Value);
            var series = owner + "{" + string.Join(",", others.Order(StringComparer.Ordinal)) + "}";
            if (name == owner + "_bucket")
            {
                if (double.IsNaN(le))
                {
                    problems.Add($"line {n + 1}: a bucket without le");
                }

                if (!buckets.TryGetValue(series, out var list))
                {
                    buckets[series] = list = [];
                }

                list.Add((le, value));
            }
            else if (name == owner + "_count")
            {
                counts[series] = value;
            }
        }

        foreach (var (series, list) in buckets)
        {
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i].Le <= list[i - 1].Le || list[i].Count < list[i - 1].Count)
                {
                    problems.Add($"{series}: buckets not increasing and cumulative at le={list[i].Le}");
                }
            }

            if (!double.IsPositiveInfinity(list[^1].Le))
            {
                problems.Add($"{series}: no le=\"+Inf\" bucket");
            }
            else if (counts.TryGetValue(series, out var count) && count != list[^1].Count)
            {
                problems.Add($"{series}: +Inf bucket {list[^1].Count} but count {count}");
            }
        }

        return problems;
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?: (?<rest>.*))?$")]
    private static partial Regex CommentLine();

    /// <summary>name, optional {label="value",…} with only \\, \" and \n escaped in values, a value, an optional timestamp.</summary>
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>(?:[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\\n]|\\[\\""n])*"")(?:,[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\\n]|\\[\\""n])*"")*,?)?\})? (?<value>[-+]?(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf|NaN))(?: -?[0-9]+(?:\.[0-9]+)?)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
