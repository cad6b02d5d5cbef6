using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace StoreBooks.Sync.Tests.Payouts;

/// <summary>One row of the site's WooPayments transactions report, in the deposit's cents (order id null for an adjustment).</summary>
internal sealed record SiteRow(string Id, string Type, long? OrderId, DateTimeOffset At, long Amount, long Fee, long Net, string? DepositId, string DepositCurrency);

/// <summary>One WooPayments deposit (or withdrawal) as the site's JSON has it, with its report rows.</summary>
internal sealed record SiteDepositRow(string Id, string Type, string Status, string Currency, DateOnly Day, long Cents, List<SiteRow> Rows)
{
    /// <summary>What reached the bank, in cents: a withdrawal's amount taken from it is negative.</summary>
    public long Signed => Type == "withdrawal" ? -Cents : Cents;
}

/// <summary>The emulated site's WooPayments data read raw (not through StoreBooks' client), and its emulator-only routes.</summary>
internal static class WooPaymentsSite
{
    public static async Task<List<SiteDepositRow>> DepositsAsync(WooPaymentsRig rig, CancellationToken ct)
    {
        var list = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var body = await rig.RawGetAsync($"payments/deposits?sort=date&pagesize=100&page={page}", ct);
            var data = body["data"]!.AsArray().OfType<JsonObject>().ToList();
            list.AddRange(data);
            if (data.Count == 0 || list.Count >= body["total_count"]!.GetValue<int>())
            {
                break;
            }
        }

        var deposits = new List<SiteDepositRow>();
        foreach (var d in list)
        {
            var id = d["id"]!.GetValue<string>();
            var rows = await RowsAsync(rig, $"deposit_id={id}", ct);
            var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(d["date"]!.GetValue<long>()).UtcDateTime);
            deposits.Add(new SiteDepositRow(id, d["type"]!.GetValue<string>(), d["status"]!.GetValue<string>(), d["currency"]!.GetValue<string>().ToUpperInvariant(), day, d["amount"]!.GetValue<long>(), rows));
        }

        return deposits;
    }

    public static async Task<List<SiteRow>> RowsAsync(WooPaymentsRig rig, string filter, CancellationToken ct)
    {
        var rows = new List<SiteRow>();
        for (var page = 1; ; page++)
        {
            var items = (await rig.RawGetAsync($"payments/reports/transactions?{filter}&per_page=100&page={page}", ct)).AsArray().OfType<JsonObject>().ToList();
            rows.AddRange(items.Select(t => new SiteRow(
                t["transaction_id"]!.GetValue<string>(), t["type"]!.GetValue<string>(),
                t["order_id"] is JsonValue v && v.TryGetValue<long>(out var order) ? order : null,
                DateTimeOffset.Parse(t["date"]!.GetValue<string>() + "Z", CultureInfo.InvariantCulture),
                t["amount"]!.GetValue<long>(), t["fees"]!.GetValue<long>(), t["net_amount"]!.GetValue<long>(),
                t["deposit_id"]?.GetValue<string>(), t["deposit_currency"]!.GetValue<string>())));
            if (items.Count < 100)
            {
                return rows;
            }
        }
    }

    /// <summary>POSTs to the emulator's WooPayments admin route (<c>disputes</c>, <c>adjustments</c>, <c>settings</c>).</summary>
    public static async Task<JsonNode> AdminAsync(WooPaymentsRig rig, string route, object body, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = rig.Harness.Emulator.BaseUrl };
        using var response = await http.PostAsJsonAsync(new Uri($"emulator/woocommerce/payments/{route}", UriKind.Relative), body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {route}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
