using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Stores;
using Xunit;

namespace StoreBooks.Emulators.Tests.Shopify;

/// <summary>
/// A line of an order the emulator made itself (a demo order, not one loaded from JSON) is refunded through REST as Shopify
/// refunds it: the quantity left on the line is what the listing shows, and the refund takes one of them.
/// </summary>
public sealed class ShopifyLineRefundTests
{
    [Fact]
    public async Task A_line_of_a_demo_order_with_quantity_left_is_refunded_and_its_quantity_left_falls_by_one()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0 }, ct);
        using var http = StoreHttp.Shopify(server);
        var orders = (JsonArray)JsonNode.Parse(await http.GetStringAsync(new Uri("orders.json?status=any&financial_status=paid&limit=250", UriKind.Relative), ct))!["orders"]!;
        var (order, line) = orders.OfType<JsonObject>()
            .SelectMany(o => ((JsonArray)o["line_items"]!).OfType<JsonObject>().Select(l => (Order: o, Line: l)))
            .First(p => (int)p.Line["current_quantity"]! >= 1);
        var left = (int)line["current_quantity"]!;

        var body = new JsonObject
        {
            ["refund"] = new JsonObject
            {
                ["refund_line_items"] = new JsonArray(new JsonObject { ["line_item_id"] = (long)line["id"]!, ["quantity"] = 1, ["restock_type"] = "no_restock" }),
                ["transactions"] = new JsonArray(),
            },
        };
        using var refund = await http.PostAsync(
            new Uri($"orders/{(long)order["id"]!}/refunds.json", UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        var text = await refund.Content.ReadAsStringAsync(ct);

        Assert.True(refund.StatusCode == HttpStatusCode.Created, $"{(int)refund.StatusCode} {text}");
        var after = JsonNode.Parse(await http.GetStringAsync(new Uri($"orders/{(long)order["id"]!}.json", UriKind.Relative), ct))!["order"]!;
        var sameLine = ((JsonArray)after["line_items"]!).OfType<JsonObject>().Single(l => (long)l["id"]! == (long)line["id"]!);
        Assert.Equal(left - 1, (int)sameLine["current_quantity"]!);
    }
}
