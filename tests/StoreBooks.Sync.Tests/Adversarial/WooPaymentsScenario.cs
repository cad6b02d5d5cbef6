using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.Sync.Tests.Payouts;
using Xunit;

namespace StoreBooks.Sync.Tests.Adversarial;

/// <summary>
/// Builds awkward WooCommerce sites for the adversarial WooPayments and Stripe-plugin cases through the emulator's public and
/// admin routes only (orders, refunds seeded with their own dates, disputes, adjustments), and checks QuickBooks' deposits
/// against the site's own JSON to the cent.
/// </summary>
internal static class WooPaymentsScenario
{
    private static readonly TimeSpan SiteOffset = TimeSpan.FromHours(-4);

    public static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Woo(DateTimeOffset at, TimeSpan offset) => at.ToOffset(offset).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static async Task<JsonObject> OrderAsync(WooPaymentsRig rig, long id, CancellationToken ct) =>
        (JsonObject)await rig.RawGetAsync($"orders/{id}", ct);

    /// <summary>Changes (or, without an id, creates) an order through the emulator's admin route; returns the stored order.</summary>
    public static async Task<JsonObject> PutOrderAsync(WooPaymentsRig rig, long? id, JsonObject change, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = rig.Harness.Emulator.BaseUrl };
        var path = id is { } existing ? $"emulator/woocommerce/orders/{existing}" : "emulator/woocommerce/orders";
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), change, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return (JsonObject)JsonNode.Parse(text)!;
    }

    /// <summary>A copy of an existing order as a new order, paid at <paramref name="paidAt"/>, with <paramref name="edit"/> applied.</summary>
    public static async Task<JsonObject> CloneOrderAsync(WooPaymentsRig rig, long template, DateTimeOffset paidAt, Action<JsonObject> edit, CancellationToken ct)
    {
        var order = (JsonObject)(await OrderAsync(rig, template, ct)).DeepClone();
        foreach (var key in new[] { "id", "number", "_links", "order_key" })
        {
            order.Remove(key);
        }

        order["refunds"] = new JsonArray();
        foreach (var key in new[] { "date_created", "date_paid", "date_modified", "date_completed" })
        {
            order[key] = Woo(paidAt, SiteOffset);
            order[key + "_gmt"] = Woo(paidAt, TimeSpan.Zero);
        }

        edit(order);
        return await PutOrderAsync(rig, null, order, ct);
    }

    /// <summary>A refund of <paramref name="amount"/> given back through the gateway at <paramref name="at"/> (seeded with that date).</summary>
    public static async Task<long> RefundAsync(WooPaymentsRig rig, long orderId, decimal amount, DateTimeOffset at, long refundId, CancellationToken ct)
    {
        var refund = new JsonObject
        {
            ["id"] = refundId,
            ["date_created"] = Woo(at, SiteOffset),
            ["date_created_gmt"] = Woo(at, TimeSpan.Zero),
            ["amount"] = Money(amount),
            ["reason"] = "adversarial",
            ["refunded_by"] = 1,
            ["refunded_payment"] = true,
            ["meta_data"] = new JsonArray(),
            ["line_items"] = new JsonArray(),
            ["shipping_lines"] = new JsonArray(),
            ["tax_lines"] = new JsonArray(),
            ["fee_lines"] = new JsonArray(),
            ["_links"] = new JsonObject { ["up"] = new JsonArray(new JsonObject { ["href"] = new Uri(rig.Harness.Emulator.BaseUrl, $"wp-json/wc/v3/orders/{orderId}").ToString() }) },
        };
        using var http = new HttpClient { BaseAddress = rig.Harness.Emulator.BaseUrl };
        using var response = await http.PostAsJsonAsync(new Uri("emulator/woocommerce/seed", UriKind.Relative), refund, ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));

        var order = await OrderAsync(rig, orderId, ct);
        var summary = (JsonArray)(order["refunds"]?.DeepClone() ?? new JsonArray());
        summary.Add(new JsonObject { ["id"] = refundId, ["reason"] = "adversarial", ["total"] = Money(-amount) });
        var refunded = summary.OfType<JsonObject>().Sum(r => -decimal.Parse(r["total"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var change = new JsonObject { ["refunds"] = summary, ["date_modified_gmt"] = Woo(at, TimeSpan.Zero), ["date_modified"] = Woo(at, SiteOffset) };
        if (refunded >= decimal.Parse(order["total"]!.GetValue<string>(), CultureInfo.InvariantCulture))
        {
            change["status"] = "refunded";
        }

        await PutOrderAsync(rig, orderId, change, ct);
        return refundId;
    }

    /// <summary>Charges paid at least <paramref name="daysAgo"/> days ago whose order has no refund, oldest first.</summary>
    public static async Task<List<SiteRow>> CleanChargesAsync(WooPaymentsRig rig, int daysAgo, CancellationToken ct)
    {
        var rows = await WooPaymentsSite.RowsAsync(rig, "per_page=100", ct);
        var refunded = rows.Where(r => r.Type != "charge").Select(r => r.OrderId).ToHashSet();
        return rows.Where(r => r.Type == "charge" && !refunded.Contains(r.OrderId) && r.At < DateTimeOffset.UtcNow.AddDays(-daysAgo)).OrderBy(r => r.At).ToList();
    }

    /// <summary>
    /// Every paid home-currency deposit of the site is one QuickBooks deposit, Done, whose total and lines equal the site's amount to
    /// the cent; no sales receipt is linked by two deposits. Returns the QuickBooks deposit of each site deposit id.
    /// </summary>
    public static async Task<Dictionary<string, Deposit>> AssertDepositsEqualSiteAsync(WooPaymentsRig rig, IEnumerable<SiteDepositRow> paid, CancellationToken ct)
    {
        var links = await rig.LinksAsync(LinkKind.Payout, ct);
        var all = await rig.DepositsAsync(ct);
        var byId = all.ToDictionary(d => d.Id!, StringComparer.Ordinal);
        var result = new Dictionary<string, Deposit>(StringComparer.Ordinal);
        foreach (var expected in paid)
        {
            Assert.True(links.TryGetValue(expected.Id, out var link) && link.State == LinkState.Done, $"payout {expected.Id}: {link?.State} {link?.Message}");
            var deposit = byId[link!.QboId!];
            Assert.True(expected.Cents / 100m == deposit.TotalAmt, $"payout {expected.Id}: site {expected.Cents / 100m}, QuickBooks {deposit.TotalAmt}");
            Assert.Equal(deposit.TotalAmt, deposit.Line!.Sum(l => l.Amount));
            result[expected.Id] = deposit;
        }

        var receipts = all.SelectMany(d => d.Line!).Where(l => l.LinkedTxn is { Count: > 0 } && l.LinkedTxn[0].TxnType == "SalesReceipt").GroupBy(l => l.LinkedTxn![0].TxnId);
        Assert.All(receipts, g => Assert.Single(g));
        return result;
    }

    public static IEnumerable<(decimal? Amount, string? TxnType, string? TxnId)> Linked(Deposit deposit) =>
        deposit.Line!.Where(l => l.LinkedTxn is { Count: > 0 }).Select(l => (l.Amount, (string?)l.LinkedTxn![0].TxnType, (string?)l.LinkedTxn[0].TxnId));
}
