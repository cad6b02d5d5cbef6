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
using static StoreBooks.Hosting.Tests.Adversarial.AdversarialRig;

namespace StoreBooks.Hosting.Tests.Adversarial;

/// <summary>
/// What the WooCommerce adversarial cases do to the emulated site from outside, as its merchant would (over the REST API and the
/// emulator's admin routes), and how they drive a sliced sync slice by slice and read what QuickBooks holds.
/// </summary>
internal static class WooAdversarialSite
{
    public static readonly TimeSpan SiteOffset = TimeSpan.FromHours(-4);

    public static readonly string Secret = new WooCommerceCredentials("ck_demo", "cs_demo").ToSecret();

    public static JsonObject Settings(HostedRig rig) => new() { [WooCommerceSource.UrlSetting] = rig.Emulator.BaseUrl.AbsoluteUri.TrimEnd('/') };

    public static Task<Core.Connections.Connection> ConnectAsync(HostedRig rig, string name, string realm) =>
        rig.AddConnectedAsync(name, realm, WooCommerceSource.SourceKind, Settings(rig), Secret);

    /// <summary>The site's REST API as a client behind a TLS proxy reads it (Basic authentication, read and write key).</summary>
    public static HttpClient Site(HostedRig rig)
    {
        var http = new HttpClient { BaseAddress = new Uri(rig.Emulator.BaseUrl, "wp-json/wc/v3/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("ck_demo:cs_demo")));
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return http;
    }

    /// <summary>Every order the site lists (status any: not the trashed), oldest placed first.</summary>
    public static async Task<List<JsonObject>> OrdersByPlacingAsync(HostedRig rig)
    {
        using var site = Site(rig);
        var all = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var batch = (JsonArray)JsonNode.Parse(await site.GetStringAsync(new Uri($"orders?orderby=date&order=asc&per_page=100&page={page}", UriKind.Relative), Ct))!;
            all.AddRange(batch.OfType<JsonObject>());
            if (batch.Count < 100)
            {
                return all;
            }
        }
    }

    public static async Task<JsonObject> OrderAsync(HostedRig rig, long id)
    {
        using var site = Site(rig);
        return (JsonObject)JsonNode.Parse(await site.GetStringAsync(new Uri($"orders/{id}", UriKind.Relative), Ct))!;
    }

    public static string Number(JsonObject order) => (string?)order["number"] ?? ((long)order["id"]!).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A copy of order <paramref name="template"/> placed at <paramref name="placedAt"/>, last changed at <paramref name="modified"/>:
    /// paid then unless <paramref name="status"/> says "pending" (then unpaid).
    /// </summary>
    public static async Task<JsonObject> CloneAsync(HostedRig rig, long template, DateTimeOffset placedAt, DateTimeOffset modified, string status = "processing")
    {
        var order = await OrderAsync(rig, template);
        foreach (var key in new[] { "id", "number", "_links", "order_key" })
        {
            order.Remove(key);
        }

        order["refunds"] = new JsonArray();
        order["status"] = status;
        foreach (var (key, at) in new[] { ("date_created", placedAt), ("date_paid", placedAt), ("date_completed", placedAt), ("date_modified", modified) })
        {
            order[key] = Woo(at, SiteOffset);
            order[key + "_gmt"] = Woo(at, TimeSpan.Zero);
        }

        if (status == "pending")
        {
            order["date_paid"] = null;
            order["date_paid_gmt"] = null;
            order["date_completed"] = null;
            order["date_completed_gmt"] = null;
            order["transaction_id"] = "";
        }

        return await PutAsync(rig, null, order);
    }

    /// <summary>Changes (or, without an id, creates) an order through the emulator's admin route; returns the stored order.</summary>
    public static async Task<JsonObject> PutAsync(HostedRig rig, long? id, JsonObject change)
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

    /// <summary>Moves an order's placing time (both clocks), as a merchant editing "Date created" in the order screen does.</summary>
    public static Task<JsonObject> MovePlacingAsync(HostedRig rig, long id, DateTimeOffset placedAt, string note) => PutAsync(rig, id, new JsonObject
    {
        ["date_created"] = Woo(placedAt, SiteOffset),
        ["date_created_gmt"] = Woo(placedAt, TimeSpan.Zero),
        ["customer_note"] = note,
    });

    /// <summary>Refunds an amount through the REST API (no gateway call); returns the refund's id.</summary>
    public static async Task<long> RefundAsync(HostedRig rig, long orderId, decimal amount)
    {
        using var site = Site(rig);
        var body = new JsonObject { ["amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture), ["reason"] = "adversarial refund", ["api_refund"] = false };
        using var response = await site.PostAsJsonAsync(new Uri($"orders/{orderId}/refunds", UriKind.Relative), body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"refunding order {orderId}: {(int)response.StatusCode} {text}");
        return (long)JsonNode.Parse(text)!["id"]!;
    }

    public static string Woo(DateTimeOffset at, TimeSpan offset) => at.ToOffset(offset).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    public static DateTimeOffset ToSecond(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, TimeSpan.Zero);

    /// <summary>
    /// Runs one whole sliced sync (slices until one says nothing more is left); <paramref name="between"/> runs after slice n (1-based)
    /// when more is to come. Every slice must run and not fail.
    /// </summary>
    public static Task<List<SyncJobResult>> SyncInSlicesAsync(JobsProcess worker, Guid connection, int sliceOrders, int most, Func<int, Task>? between = null) =>
        AdversarialRig.SyncInSlicesAsync(worker, connection, new SyncSlice(sliceOrders, TimeSpan.FromHours(1)), most, between);


    /// <summary>Orders a set of results posted or updated.</summary>
    public static int Posted(IEnumerable<SyncJobResult> results) => results.Sum(r => r.Run!.Counts.GetValueOrDefault("orders.posted"));

    public static int Updated(IEnumerable<SyncJobResult> results) => results.Sum(r => r.Run!.Counts.GetValueOrDefault("orders.updated"));

    public static string Describe(IEnumerable<SyncJobResult> results) => string.Join(" | ", results.Select(r =>
        $"{r.Run!.Outcome} posted {r.Run.Counts.GetValueOrDefault("orders.posted")} updated {r.Run.Counts.GetValueOrDefault("orders.updated")} more {r.MoreToDo}"));

    /// <summary>The sales documents (receipts and invoices) of a company.</summary>
    public static async Task<IReadOnlyList<JsonObject>> DocumentsAsync(HostedRig rig, string realm)
    {
        using var books = new QboBooks(rig.Emulator, realm);
        return [.. (await books.AllAsync("SalesReceipt", Ct)).Concat(await books.AllAsync("Invoice", Ct))];
    }

    public static async Task<int> RefundDocumentsAsync(HostedRig rig, string realm, long refundId)
    {
        using var books = new QboBooks(rig.Emulator, realm);
        return (await books.RefundDocumentsAsync(refundId.ToString(CultureInfo.InvariantCulture), Ct)).Count;
    }

    /// <summary>
    /// The sliced company holds each document once, the same DocNumbers as the control company, each with the control's total to
    /// the cent.
    /// </summary>
    public static async Task AssertSameBooksAsync(HostedRig rig, string slicedRealm, string controlRealm)
    {
        var sliced = await DocumentsAsync(rig, slicedRealm);
        var control = await DocumentsAsync(rig, controlRealm);
        var numbers = sliced.Select(d => (string?)d["DocNumber"] ?? "").ToList();
        var duplicates = numbers.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(duplicates.Count == 0, $"documents posted more than once: {string.Join(", ", duplicates)}");
        var controlNumbers = control.Select(d => (string?)d["DocNumber"] ?? "").ToList();
        var missing = controlNumbers.Except(numbers).ToList();
        var extra = numbers.Except(controlNumbers).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"the sliced company differs from the control: missing {string.Join(",", missing)}; not in the control {string.Join(",", extra)}");
        var differences = new List<string>();
        foreach (var document in sliced)
        {
            var twin = control.Single(d => (string?)d["DocNumber"] == (string?)document["DocNumber"]);
            if ((decimal)twin["TotalAmt"]! != (decimal)document["TotalAmt"]!)
            {
                differences.Add($"{document["DocNumber"]}: {document["TotalAmt"]} (control {twin["TotalAmt"]})");
            }
        }

        Assert.True(differences.Count == 0, $"totals differ from the control: {string.Join("; ", differences)}");
    }

    /// <summary>How many sales documents of the company carry this DocNumber.</summary>
    public static async Task<int> CountAsync(HostedRig rig, string realm, string docNumber) =>
        (await DocumentsAsync(rig, realm)).Count(d => (string?)d["DocNumber"] == docNumber);
}
