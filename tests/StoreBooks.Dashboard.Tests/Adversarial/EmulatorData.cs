using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;

namespace StoreBooks.Dashboard.Tests.Adversarial;

/// <summary>What the tests read from and add to the emulators: QuickBooks' entity counts, and orders shaped as a merchant's real ones.</summary>
public static class EmulatorData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>How many of each entity the QuickBooks emulator's companies hold, e.g. "SalesReceipt=12".</summary>
    public static SortedDictionary<string, int> QuickBooksCounts(DashboardHost host)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var realm in host.Emulator!.Qbo.Companies.Export()["realms"]!.AsArray().OfType<JsonObject>())
        {
            foreach (var (name, entities) in realm["entities"]!.AsObject())
            {
                counts[name] = counts.GetValueOrDefault(name) + entities!.AsArray().Count;
            }
        }

        return counts;
    }

    public static string Describe(SortedDictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}"));

    /// <summary>A paid order of the demo shop without refunds, as the Admin API gives it, to copy.</summary>
    public static async Task<JsonObject> PaidOrderAsync(DashboardHost host)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(host.Emulator!.BaseUrl, "admin/api/2025-07/") };
        admin.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "demo-token");
        var orders = (await admin.GetFromJsonAsync<JsonObject>("orders.json?status=any&financial_status=paid&limit=250", Ct))!["orders"]!.AsArray();
        return (JsonObject)orders.OfType<JsonObject>().First(o => (o["refunds"] as JsonArray ?? []).Count == 0 && (o["line_items"] as JsonArray ?? []).Count >= 1).DeepClone();
    }

    /// <summary>Adds a copy of <paramref name="model"/> changed by <paramref name="change"/> to the Shopify emulator; answers its id.</summary>
    public static async Task<string> AddOrderAsync(DashboardHost host, JsonObject model, string name, Action<JsonObject> change)
    {
        var order = (JsonObject)model.DeepClone();
        foreach (var key in new[] { "id", "admin_graphql_api_id", "created_at", "updated_at", "processed_at", "order_number", "number", "token", "checkout_id", "checkout_token", "cart_token" })
        {
            order.Remove(key);
        }

        foreach (var line in (order["line_items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            line.Remove("id");
            line.Remove("admin_graphql_api_id");
        }

        order["name"] = name;
        change(order);
        using var http = new HttpClient { BaseAddress = host.Emulator!.BaseUrl };
        using var placed = await http.PostAsJsonAsync("emulator/shopify/orders", order, Ct);
        var body = await placed.Content.ReadAsStringAsync(Ct);
        Assert.True(placed.IsSuccessStatusCode, $"The emulator refused order {name}: {body}");
        return JsonNode.Parse(body)!["order"]!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
    }

    public static JsonObject FirstLine(JsonObject order) => (JsonObject)order["line_items"]!.AsArray()[0]!;

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Sets an amount the way the Admin API carries it: the plain figure and its <c>_set</c> (shop and presentment money).</summary>
    public static void SetMoney(JsonObject node, string key, decimal amount, string currency)
    {
        node[key] = Money(amount);
        var money = new JsonObject { ["amount"] = Money(amount), ["currency_code"] = currency };
        node[key + "_set"] = new JsonObject { ["shop_money"] = money, ["presentment_money"] = money.DeepClone() };
    }
}
