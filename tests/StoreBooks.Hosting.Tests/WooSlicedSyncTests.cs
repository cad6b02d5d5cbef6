using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Sources;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.Storage;
using StoreBooks.Sync;
using StoreBooks.Sync.Connections;
using StoreBooks.Testing;
using StoreBooks.WooCommerce;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>
/// A WooCommerce site's backfill in slices: WooCommerce cannot list orders by their change, so a pass reads them oldest placed
/// first and keeps its position between runs. Every order ends in QuickBooks once, as an unsliced control has them: orders placed
/// at the same second across a slice's end, an order placed while the pass runs, one imported with an old placing date, and one
/// the merchant edits after a slice posted it.
/// </summary>
public sealed class WooSlicedSyncTests
{
    private const int SliceOrders = 25;
    private const int SameSecond = 40;
    private static readonly TimeSpan SiteOffset = TimeSpan.FromHours(-4);
    private static readonly string Secret = new WooCommerceCredentials("ck_demo", "cs_demo").ToSecret();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_woocommerce_backfill_in_slices_posts_every_order_once_with_those_placed_at_one_second_placed_or_edited_meanwhile()
    {
        await using var rig = await HostedRig.CreateAsync(o => o with { WooCommerce = o.WooCommerce with { GeneratedOrders = 120 } });
        using var site = Site(rig);
        var earliest = (JsonObject)(await ListAsync(site, "orders?orderby=date&order=asc&per_page=1"))[0]!;
        var template = (long)earliest["id"]!;

        // Forty orders placed in one second, more than a slice: a slice ends among them.
        var second = DateTimeOffset.UtcNow.AddDays(-3);
        second = new DateTimeOffset(second.Year, second.Month, second.Day, second.Hour, second.Minute, second.Second, TimeSpan.Zero);
        for (var i = 0; i < SameSecond; i++)
        {
            await CloneAsync(rig, site, template, second, modified: second);
        }

        var sliced = await rig.AddConnectedAsync("woo-sliced", "9130400000000011", WooCommerceSource.SourceKind, Settings(rig), Secret);
        var control = await rig.AddConnectedAsync("woo-control", "9130400000000012", WooCommerceSource.SourceKind, Settings(rig), Secret);
        var slice = new SyncSlice(SliceOrders, TimeSpan.FromHours(1));
        var state = await StateStore.OpenPostgresAsync(rig.Database.ConnectionString, rig.Key, TimeProvider.System, Ct);
        await using var _ = state;
        var jobs = new SyncJobs(state, new QuickBooksConnections(state), new SourceFactory(), new InProcessConnectionLock());

        var results = new List<SyncJobResult> { await jobs.RunAsync(sliced.Id, "schedule", slice, Ct) };
        Assert.True(results[0].MoreToDo, "the first slice read the whole site");
        Assert.NotNull(await state.Cursors.GetAsync(sliced.Id, "orders.pass.placed", Ct));

        // While the pass runs: the merchant edits the earliest order (posted by the first slice), an order is placed, and one is
        // imported with a placing date older than any (its change is now).
        await PutAsync(rig, template, new JsonObject { ["customer_note"] = "Edited between slices" });
        var placed = await CloneAsync(rig, site, template, DateTimeOffset.UtcNow, modified: DateTimeOffset.UtcNow);
        var imported = await CloneAsync(rig, site, template, second.AddDays(-400), modified: DateTimeOffset.UtcNow);
        while (results[^1].MoreToDo)
        {
            Assert.True(results.Count < 40, "the slices did not end");
            results.Add(await jobs.RunAsync(sliced.Id, "schedule", slice, Ct));
        }

        // The pass is over and forgotten; the next (a new pass from the moved cursor) reads what changed during the last one.
        Assert.Null(await state.Cursors.GetAsync(sliced.Id, "orders.pass.placed", Ct));
        do
        {
            Assert.True(results.Count < 60, "the second pass did not end");
            results.Add(await jobs.RunAsync(sliced.Id, "schedule", slice, Ct));
        }
        while (results[^1].MoreToDo);

        var controlResult = await jobs.RunAsync(control.Id, "schedule", Ct);
        Assert.False(controlResult.MoreToDo);
        Assert.All(results.Append(controlResult), r => Assert.True(r.Status == SyncJobStatus.Ran && r.StoppedBy is null && r.Run!.Outcome == RunOutcome.Succeeded, $"a run ended {r.Run?.Outcome}: {r.Run?.Error}"));

        var posted = results.Select(r => r.Run!.Counts.GetValueOrDefault("orders.posted") + r.Run.Counts.GetValueOrDefault("orders.updated")).ToList();
        Assert.All(posted, p => Assert.InRange(p, 0, SliceOrders));
        var controlPosted = controlResult.Run!.Counts["orders.posted"];
        Assert.True(results.Count(r => r.MoreToDo) >= controlPosted / SliceOrders - 1, $"{results.Count} slices for {controlPosted} orders");

        // Every order once, the same documents as the control's, the edit and both late orders included.
        var slicedReceipts = await ReceiptsAsync(rig, "9130400000000011");
        var controlReceipts = await ReceiptsAsync(rig, "9130400000000012");
        var numbers = slicedReceipts.Select(r => (string)r["DocNumber"]!).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(controlReceipts.Select(r => (string)r["DocNumber"]!).Order(), numbers.Order());
        Assert.Equal(controlPosted, numbers.Count);
        Assert.Contains((string)placed["number"]!, numbers);
        Assert.Contains((string)imported["number"]!, numbers);
        var edited = slicedReceipts.Single(r => (string)r["DocNumber"]! == (string)earliest["number"]!);
        Assert.Contains("Edited between slices", (string?)edited["PrivateNote"] ?? "", StringComparison.Ordinal);
        Assert.NotEqual("0", (string?)edited["SyncToken"]);
        foreach (var receipt in slicedReceipts)
        {
            var twin = controlReceipts.Single(r => (string)r["DocNumber"]! == (string)receipt["DocNumber"]!);
            Assert.Equal((decimal)twin["TotalAmt"]!, (decimal)receipt["TotalAmt"]!);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{controlPosted} orders; {results.Count} runs posted or updated {string.Join(", ", posted)}.");
    }

    private static JsonObject Settings(HostedRig rig) => new() { [WooCommerceSource.UrlSetting] = rig.Emulator.BaseUrl.AbsoluteUri.TrimEnd('/') };

    /// <summary>The site's REST API as a client behind a TLS proxy reads it (Basic authentication).</summary>
    private static HttpClient Site(HostedRig rig)
    {
        var http = new HttpClient { BaseAddress = new Uri(rig.Emulator.BaseUrl, "wp-json/wc/v3/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("ck_demo:cs_demo")));
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return http;
    }

    private static async Task<JsonArray> ListAsync(HttpClient site, string path) =>
        (JsonArray)JsonNode.Parse(await site.GetStringAsync(new Uri(path, UriKind.Relative), Ct))!;

    /// <summary>A copy of order <paramref name="template"/> placed (and paid) at <paramref name="placedAt"/>, last changed at <paramref name="modified"/>.</summary>
    private static async Task<JsonObject> CloneAsync(HostedRig rig, HttpClient site, long template, DateTimeOffset placedAt, DateTimeOffset modified)
    {
        var order = (JsonObject)JsonNode.Parse(await site.GetStringAsync(new Uri($"orders/{template}", UriKind.Relative), Ct))!;
        foreach (var key in new[] { "id", "number", "_links", "order_key" })
        {
            order.Remove(key);
        }

        order["refunds"] = new JsonArray();
        foreach (var (key, at) in new[] { ("date_created", placedAt), ("date_paid", placedAt), ("date_completed", placedAt), ("date_modified", modified) })
        {
            order[key] = Woo(at, SiteOffset);
            order[key + "_gmt"] = Woo(at, TimeSpan.Zero);
        }

        return await PutAsync(rig, null, order);
    }

    /// <summary>Changes (or, without an id, creates) an order through the emulator's admin route; returns the stored order.</summary>
    private static async Task<JsonObject> PutAsync(HostedRig rig, long? id, JsonObject change)
    {
        using var http = new HttpClient { BaseAddress = rig.Emulator.BaseUrl };
        var path = id is { } existing ? $"emulator/woocommerce/orders/{existing}" : "emulator/woocommerce/orders";
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), change, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        var stored = (JsonObject)JsonNode.Parse(text)!;
        stored["number"] ??= ((long)stored["id"]!).ToString(CultureInfo.InvariantCulture);
        return stored;
    }

    private static async Task<IReadOnlyList<JsonObject>> ReceiptsAsync(HostedRig rig, string realm)
    {
        using var books = new QboBooks(rig.Emulator, realm);
        return [.. (await books.AllAsync("SalesReceipt", Ct)).Concat(await books.AllAsync("Invoice", Ct))];
    }

    private static string Woo(DateTimeOffset at, TimeSpan offset) => at.ToOffset(offset).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
