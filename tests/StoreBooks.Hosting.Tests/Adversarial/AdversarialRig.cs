using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Hangfire;
using StoreBooks.Hosting.QuickBooksLimits;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Sources;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.Storage;
using StoreBooks.Storage.Postgres;
using StoreBooks.Sync;
using StoreBooks.Sync.Connections;
using StoreBooks.Testing;
using StoreBooks.Web;
using Xunit;

namespace StoreBooks.Hosting.Tests.Adversarial;

/// <summary>
/// What the adversarial cases do to a <see cref="HostedRig"/> from outside, as a merchant, a store or an operator would: change
/// the emulated shop's orders over its HTTP APIs, run one slice of a sync in a "process" of its own, deliver signed webhooks, and
/// read what QuickBooks holds.
/// </summary>
internal static class AdversarialRig
{
    public const string ApiVersion = "2025-07";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>A client of the rig's emulated Shopify shop, with the store's access token.</summary>
    public static HttpClient Shop(HostedRig rig)
    {
        var http = new HttpClient { BaseAddress = rig.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "demo-token");
        return http;
    }

    /// <summary>Every order of the shop (REST, status any), oldest id first.</summary>
    public static async Task<IReadOnlyList<JsonObject>> OrdersAsync(HostedRig rig)
    {
        using var http = Shop(rig);
        var all = new List<JsonObject>();
        var next = $"admin/api/{ApiVersion}/orders.json?status=any&limit=250";
        while (next is not null)
        {
            using var response = await http.GetAsync(next, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"listing orders answered {(int)response.StatusCode}: {text}");
            all.AddRange((JsonNode.Parse(text)!["orders"] as JsonArray ?? []).OfType<JsonObject>());
            next = null;
            if (response.Headers.TryGetValues("Link", out var links))
            {
                var link = links.SelectMany(l => l.Split(',')).FirstOrDefault(l => l.Contains("rel=\"next\"", StringComparison.Ordinal));
                if (link is not null)
                {
                    var url = link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
                    next = new Uri(url).PathAndQuery.TrimStart('/');
                }
            }
        }

        return all.OrderBy(o => (long)o["id"]!).ToList();
    }

    /// <summary>Changes an order through the emulator's admin API (as the shop's admin would, firing its webhooks).</summary>
    public static async Task ChangeOrderAsync(HostedRig rig, long orderId, JsonObject change)
    {
        using var http = new HttpClient { BaseAddress = rig.Emulator.BaseUrl };
        using var response = await http.PostAsync($"emulator/shopify/orders/{orderId}", JsonContent.Create(change), Ct);
        Assert.True(response.IsSuccessStatusCode, $"changing order {orderId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>
    /// Refunds one unit of the first of the order's lines Shopify still lets refund, through its REST API; returns the refund's id,
    /// or null when no line can be refunded.
    /// </summary>
    public static async Task<long?> TryRefundOneUnitAsync(HostedRig rig, JsonObject order)
    {
        using var http = Shop(rig);
        foreach (var line in (order["line_items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var body = new JsonObject
            {
                ["refund"] = new JsonObject
                {
                    ["note"] = "adversarial refund",
                    ["refund_line_items"] = new JsonArray(new JsonObject { ["line_item_id"] = line["id"]!.DeepClone(), ["quantity"] = 1, ["restock_type"] = "no_restock" }),
                },
            };
            using var response = await http.PostAsync($"admin/api/{ApiVersion}/orders/{order["id"]}/refunds.json", JsonContent.Create(body), Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (response.IsSuccessStatusCode)
            {
                return (long)JsonNode.Parse(text)!["refund"]!["id"]!;
            }

            Assert.True((int)response.StatusCode == 422, $"refunding order {order["id"]} answered {(int)response.StatusCode}: {text}");
            Log($"order {order["id"]} ({order["financial_status"]}) line {line["id"]} (quantity {line["quantity"]}, current {line["current_quantity"]}): {text}");
        }

        // The emulator may refuse every line (it reads what is left to refund differently from the order it lists): then a refund
        // of an amount only, as a merchant's goodwill refund is.
        var amountOnly = new JsonObject
        {
            ["refund"] = new JsonObject
            {
                ["note"] = "adversarial goodwill refund",
                ["transactions"] = new JsonArray(new JsonObject { ["kind"] = "refund", ["amount"] = "1.00" }),
            },
        };
        using (var response = await http.PostAsync($"admin/api/{ApiVersion}/orders/{order["id"]}/refunds.json", JsonContent.Create(amountOnly), Ct))
        {
            var text = await response.Content.ReadAsStringAsync(Ct);
            Log($"order {order["id"]}: a refund of 1.00 answered {(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}");
            if (response.IsSuccessStatusCode)
            {
                return (long)JsonNode.Parse(text)!["refund"]!["id"]!;
            }
        }

        return null;
    }

    /// <summary>Cancels the order through Shopify's REST API (a paid one is refunded in full).</summary>
    public static async Task CancelAsync(HostedRig rig, long orderId)
    {
        using var http = Shop(rig);
        using var response = await http.PostAsync($"admin/api/{ApiVersion}/orders/{orderId}/cancel.json", JsonContent.Create(new JsonObject { ["reason"] = "customer" }), Ct);
        Assert.True(response.IsSuccessStatusCode, $"cancelling order {orderId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>A Shopify date in the emulator's shop time (-05:00), to the second.</summary>
    public static string ShopifyDate(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The Shopify order ids whose sales document (by StoreBooks' memo marker) is in <paramref name="realm"/>, one entry per document.</summary>
    public static async Task<IReadOnlyList<string>> PostedOrderIdsAsync(HostedRig rig, string realm)
    {
        using var books = new QboBooks(rig.Emulator, realm);
        var documents = (await books.AllAsync("SalesReceipt", Ct)).Concat(await books.AllAsync("Invoice", Ct));
        const string prefix = "[StoreBooks shopify order ";
        return documents
            .Select(d => (string?)d["PrivateNote"] ?? "")
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..n.IndexOf(']', StringComparison.Ordinal)])
            .ToList();
    }

    /// <summary>Refund documents for a store refund in <paramref name="realm"/>.</summary>
    public static async Task<int> RefundDocumentCountAsync(HostedRig rig, string realm, long refundId)
    {
        using var books = new QboBooks(rig.Emulator, realm);
        return (await books.RefundDocumentsAsync(refundId.ToString(CultureInfo.InvariantCulture), Ct)).Count;
    }

    /// <summary>A "process" that runs sync jobs itself (no Hangfire): its own state store, as a worker of hosted mode has.</summary>
    public static async Task<JobsProcess> JobsProcessAsync(HostedRig rig)
    {
        var state = await StateStore.OpenPostgresAsync(rig.Database.ConnectionString, rig.Key, TimeProvider.System, CancellationToken.None);
        return new JobsProcess(state, new SyncJobs(state, new QuickBooksConnections(state), new SourceFactory(), new InProcessConnectionLock()));
    }

    /// <summary>Runs slices of <paramref name="connection"/> until one says there is nothing more to do; <paramref name="between"/> runs after each slice but the last.</summary>
    public static async Task<IReadOnlyList<SyncJobResult>> RunSlicesAsync(HostedRig rig, Guid connection, SyncSlice slice, int most, Func<int, Task>? between = null)
    {
        await using var process = await JobsProcessAsync(rig);
        return await SyncInSlicesAsync(process, connection, slice, most, between);
    }

    /// <summary>
    /// Runs slices of <paramref name="connection"/> in <paramref name="worker"/> until one says nothing more is left;
    /// <paramref name="between"/> runs after slice n (1-based) when more is to come. Every slice must run and not fail.
    /// </summary>
    public static async Task<List<SyncJobResult>> SyncInSlicesAsync(JobsProcess worker, Guid connection, SyncSlice slice, int most, Func<int, Task>? between = null)
    {
        var results = new List<SyncJobResult>();
        var sliceOrders = slice.Orders;
        while (results.Count == 0 || results[^1].MoreToDo)
        {
            Assert.True(results.Count < most,
                $"the sync did not end in {most} slices of {sliceOrders}: posted {string.Join(",", results.Select(r => r.Run?.Counts.GetValueOrDefault("orders.posted")))}");
            if (results.Count > 0 && between is not null)
            {
                await between(results.Count);
            }

            var result = await worker.Jobs.RunAsync(connection, "schedule", slice, Ct);
            Assert.True(result.Status == SyncJobStatus.Ran && result.StoppedBy is null && result.Run!.Outcome != RunOutcome.Failed,
                $"slice {results.Count + 1} ended {result.Status} {result.Run?.Outcome}: {result.Run?.Error} {result.StoppedBy?.Message}");
            results.Add(result);
        }

        return results;
    }

    /// <summary>Syncs <paramref name="connection"/> to its end in one run (the control a sliced sync is compared with).</summary>
    public static async Task<SyncRun> RunWholeAsync(HostedRig rig, Guid connection)
    {
        await using var process = await JobsProcessAsync(rig);
        var result = await process.Jobs.RunAsync(connection, "schedule", new SyncSlice(100_000, TimeSpan.FromHours(1)), Ct);
        Assert.False(result.MoreToDo, "the control run stopped before its end");
        Assert.True(result.Run is { Outcome: not RunOutcome.Failed }, $"the control run ended {result.Run?.Outcome}: {result.Run?.Error}");
        return result.Run!;
    }

    /// <summary>Delivers a Shopify webhook signed with <paramref name="secret"/> to a serve process; returns the HTTP status.</summary>
    public static async Task<int> DeliverShopifyWebhookAsync(HttpClient serve, Guid connection, string secret, string body, string topic = "orders/updated")
    {
        using var delivery = new HttpRequestMessage(HttpMethod.Post, $"webhooks/shopify/{connection}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        delivery.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));
        delivery.Headers.Add("X-Shopify-Topic", topic);
        delivery.Headers.Add("X-Shopify-Event-Id", Guid.NewGuid().ToString());
        delivery.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        delivery.Headers.Add("X-Shopify-Shop-Domain", "demo-shop.myshopify.com");
        using var answer = await serve.SendAsync(delivery, Ct);
        return (int)answer.StatusCode;
    }

    /// <summary>
    /// A serve process on the rig's database, made as <see cref="HostedRig.StartProcessAsync"/> makes one but left to the test to
    /// stop (the rig does not dispose it): a process that goes away in the middle of a case.
    /// </summary>
    /// <param name="lostJobAfter">As <c>--lost-job-after</c>: when a job a worker took and never finished goes to another.</param>
    public static async Task<HostedProcess> StartOwnProcessAsync(
        HostedRig rig, ServeRole role, string serverName, int workers, SyncSlice? slice = null, TimeSpan? lostJobAfter = null, Func<ServeOptions, ServeOptions>? configure = null)
    {
        var state = await StateStore.OpenPostgresAsync(rig.Database.ConnectionString, rig.Key, TimeProvider.System, CancellationToken.None);
        var engine = await HangfireSyncEngine.OpenAsync(new HangfireEngineOptions
        {
            ConnectionString = rig.Database.ConnectionString,
            Workers = workers,
            QueuePollInterval = TimeSpan.FromMilliseconds(200),
            SchedulePollInterval = TimeSpan.FromSeconds(1),
            ServerName = serverName,
            InvisibilityTimeout = lostJobAfter ?? TimeSpan.FromSeconds(10),
            Slice = slice ?? SyncSlice.Default,
        }, cancellationToken: Ct);
        var budget = new PostgresRealmBudget(rig.Database.ConnectionString);
        var options = new ServeOptions
        {
            Urls = ["http://127.0.0.1:0"],
            DispatchInterval = TimeSpan.FromSeconds(1),
            Role = role,
            Engine = engine,
            ConnectionLock = new PostgresConnectionLock(rig.Database.ConnectionString),
            DashboardKeyRing = state is PostgresStateStore hosted ? hosted.ShareKeyRing : null,
            QboSharedBudget = budget,
        };
        var server = await StoreBooksServer.StartAsync(state, configure?.Invoke(options) ?? options);
        return new HostedProcess(state, engine, server, budget);
    }

    /// <summary>Jobs Hangfire holds right now, by state.</summary>
    public static (long Enqueued, long Processing, long Scheduled) Jobs(HostedProcess process)
    {
        var stats = process.Monitoring.GetStatistics();
        return (stats.Enqueued, stats.Processing, stats.Scheduled);
    }
}

internal sealed record JobsProcess(IStateStore State, SyncJobs Jobs) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => State.DisposeAsync();
}
