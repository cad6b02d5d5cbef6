using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StoreBooks.Fleet;

/// <summary>
/// One pass: a fresh fleet, the web process, then <c>processes</c> worker processes started at once; waits until every
/// connection has synced and the queue is empty, then times webhook deliveries to their QuickBooks documents.
/// </summary>
internal static class FleetPass
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<PassFigures> RunAsync(FleetOptions options, int processes)
    {
        await using var rig = await FleetRig.CreateAsync(options);
        using var fleet = new FleetProcesses(rig);
        await fleet.StartWebAsync();
        var database = rig.Database;
        fleet.StartWorkers(processes, options.Workers);

        // The clock starts when the workers are up (their Hangfire servers registered): a process's start is not the fleet's work.
        while (await database.CountAsync("SELECT count(*) FROM hangfire.server;") < processes)
        {
            if (fleet.Ended() is { } early)
            {
                throw new InvalidOperationException($"A process ended as it started: {early}");
            }

            await Task.Delay(100);
        }

        var start = DateTimeOffset.UtcNow;
        var cpuAtStart = CpuSnapshot.Take(fleet.WorkerIds, fleet.WebId);
        var clock = Stopwatch.StartNew();
        var byApplication = new Dictionary<string, long>(StringComparer.Ordinal);
        var peakConnections = 0L;
        var lastPrint = TimeSpan.Zero;
        var quiet = 0;
        TimeSpan? smallDone = null;
        var smallIds = string.Join(",", rig.Connections.Where(c => !c.IsLarge).Select(c => $"'{c.Id}'"));
        while (true)
        {
            await Task.Delay(1_000);
            if (fleet.Ended() is { } ended)
            {
                throw new InvalidOperationException($"A process ended during the pass: {ended}");
            }

            var finished = await database.CountAsync("SELECT count(DISTINCT connection_id) FROM sync_runs WHERE outcome <> 'running';");
            var smallFinished = await database.CountAsync($"SELECT count(DISTINCT connection_id) FROM sync_runs WHERE outcome <> 'running' AND connection_id IN ({smallIds});");
            var running = await database.CountAsync("SELECT count(*) FROM sync_runs WHERE outcome = 'running';");
            var queued = await database.CountAsync("SELECT count(*) FROM hangfire.job WHERE statename IN ('Enqueued', 'Processing', 'Awaiting');");
            var used = await database.CountAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database.Name}' AND application_name <> 'fleet bench';");
            if (used > peakConnections)
            {
                peakConnections = used;
                byApplication = (await database.QueryAsync($"SELECT coalesce(nullif(application_name, ''), '(none)'), count(*) FROM pg_stat_activity WHERE datname = '{database.Name}' AND application_name <> 'fleet bench' GROUP BY 1;"))
                    .ToDictionary(r => (string)r[0], r => Convert.ToInt64(r[1], Invariant), StringComparer.Ordinal);
            }
            if (smallDone is null && smallFinished >= options.SmallConnections)
            {
                smallDone = clock.Elapsed;
            }

            if (clock.Elapsed - lastPrint >= TimeSpan.FromSeconds(15))
            {
                lastPrint = clock.Elapsed;
                Console.WriteLine(string.Create(Invariant,
                    $"  {clock.Elapsed.TotalSeconds,5:F0} s: {finished}/{options.Connections} connections synced, {running} running, {queued} jobs queued, {rig.Documents} documents, {used} PostgreSQL connections"));
            }

            quiet = finished >= options.Connections && running == 0 && queued == 0 ? quiet + 1 : 0;
            if (quiet >= 2)
            {
                break;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(options.TimeoutMinutes))
            {
                throw new TimeoutException($"The pass did not finish in {options.TimeoutMinutes} minutes: {finished}/{options.Connections} connections synced, {running} running, {queued} queued.");
            }
        }

        var elapsed = clock.Elapsed - TimeSpan.FromSeconds(1);
        var cpu = CpuSnapshot.Take(fleet.WorkerIds, fleet.WebId) - cpuAtStart;
        var posted = await database.CountAsync("SELECT coalesce(sum(coalesce((counts::jsonb->>'orders.posted')::bigint, 0)), 0) FROM sync_runs;");
        var failedRuns = await database.CountAsync("SELECT count(*) FROM sync_runs WHERE outcome = 'failed';");
        var runs = await database.CountAsync("SELECT count(*) FROM sync_runs;");
        var firsts = await database.QueryAsync("SELECT connection_id, min(started_at), min(finished_at) FROM sync_runs GROUP BY connection_id;");
        var large = rig.Connections.Where(c => c.IsLarge).Select(c => c.Id).ToHashSet();
        var smallStarts = firsts.Where(r => !large.Contains((Guid)r[0])).Select(r => Since(start, r[1])).ToList();
        var smallEnds = firsts.Where(r => !large.Contains((Guid)r[0])).Select(r => Since(start, r[2])).ToList();
        var memory = fleet.WorkerMemory();
        var storage = new StorageFigures(
            await database.CountAsync("SELECT pg_database_size(current_database());"),
            await database.CountAsync("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'hangfire' AND c.relkind = 'r';"),
            await database.CountAsync("SELECT pg_total_relation_size('links');"),
            await database.CountAsync("SELECT count(*) FROM links;"),
            await database.CountAsync("SELECT pg_total_relation_size('sync_runs');"),
            runs);
        Console.WriteLine(string.Create(Invariant, $"  synced in {elapsed.TotalSeconds:F0} s; timing {options.Webhooks} webhook deliveries…"));
        var latencies = await TimeWebhooksAsync(rig, fleet, options.Webhooks);
        return new PassFigures(
            processes,
            options.Workers,
            options.Connections,
            elapsed,
            smallDone ?? elapsed,
            posted,
            rig.Documents,
            runs,
            failedRuns,
            smallStarts.Max(),
            smallEnds.Max(),
            latencies,
            peakConnections,
            byApplication,
            memory.Select(m => m.Peak).ToList(),
            cpu,
            storage);
    }

    /// <summary>
    /// One new order in the small shop, then a signed <c>orders/create</c> delivery for each of <paramref name="count"/> small
    /// connections, half a second apart: each one's time from the delivery to its new QuickBooks document.
    /// </summary>
    private static async Task<List<TimeSpan>> TimeWebhooksAsync(FleetRig rig, FleetProcesses fleet, int count)
    {
        var small = rig.Connections.Where(c => !c.IsLarge).ToList();
        var chosen = Enumerable.Range(0, Math.Min(count, small.Count)).Select(i => small[i * small.Count / Math.Min(count, small.Count)]).ToList();
        rig.AddSmallOrder();
        using var http = new HttpClient { BaseAddress = fleet.WebUrl, Timeout = TimeSpan.FromSeconds(30) };
        var timings = new List<Task<TimeSpan>>();
        foreach (var connection in chosen)
        {
            var before = rig.DocumentTimes(connection.Realm).Count;
            var body = $"{{\"id\":{Random.Shared.NextInt64(1, long.MaxValue)}}}";
            using var delivery = new HttpRequestMessage(HttpMethod.Post, $"webhooks/shopify/{connection.Id}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            delivery.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FleetRig.WebhookSecret), Encoding.UTF8.GetBytes(body))));
            delivery.Headers.Add("X-Shopify-Topic", "orders/create");
            delivery.Headers.Add("X-Shopify-Event-Id", Guid.NewGuid().ToString());
            delivery.Headers.Add("X-Shopify-Shop-Domain", "demo-shop.myshopify.com");
            var sent = DateTimeOffset.UtcNow;
            using var answer = await http.SendAsync(delivery);
            if (!answer.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The webhook for {connection.Id} was refused: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }

            timings.Add(WaitForDocumentAsync(rig, connection.Realm, before, sent));
            await Task.Delay(500);
        }

        return [.. await Task.WhenAll(timings)];
    }

    private static async Task<TimeSpan> WaitForDocumentAsync(FleetRig rig, string realm, int before, DateTimeOffset sent)
    {
        var deadline = sent + TimeSpan.FromMinutes(3);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var times = rig.DocumentTimes(realm);
            if (times.Count > before)
            {
                return times[before] - sent;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No new document in QuickBooks company {realm} three minutes after its webhook.");
    }

    private static TimeSpan Since(DateTimeOffset start, object value) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) - start,
        DateTimeOffset time => time - start,
        _ => TimeSpan.Zero,
    };
}
