using System.Globalization;
using System.Text.Json;
using StoreBooks.Shopify.Http;
using StoreBooks.Shopify.Json;

namespace StoreBooks.Shopify.Orders;

/// <summary>
/// The refunds of many orders in one REST call (<c>orders.json?ids=…&amp;fields=id,refunds</c>, up to 250 orders): what a bulk
/// export cannot carry (a refund's entries are connections inside a list). Read one order at a time through GraphQL, a store's
/// refunded orders cost their points each, and Shopify's standard budget (50 points a second) let about four through a second;
/// REST answers a page of them in one call, on its own rate limit.
/// </summary>
internal static class ShopifyRestRefunds
{
    public const int OrdersPerCall = 250;

    /// <summary>Each order's refunds, by order id; an order Shopify did not send (gone, or not readable by REST) is left out.</summary>
    public static async Task<Dictionary<long, List<ShopifyRefund>>> ReadAsync(ShopifyClient client, IReadOnlyCollection<long> orderIds, CancellationToken cancellationToken)
    {
        var refunds = new Dictionary<long, List<ShopifyRefund>>();
        foreach (var chunk in orderIds.Distinct().Chunk(OrdersPerCall))
        {
            var ids = string.Join(',', chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            using var page = await client.GetAsync($"orders.json?status=any&limit={OrdersPerCall}&ids={ids}&fields=id,refunds", cancellationToken).ConfigureAwait(false);
            if (page is null || !page.Body.RootElement.TryGetProperty("orders", out var orders) || orders.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var order in orders.EnumerateArray())
            {
                try
                {
                    if (order.TryGetProperty("id", out var id) && ShopifyJson.TryParseId(id.ToString(), out var orderId)
                        && order.TryGetProperty("refunds", out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        refunds[orderId] = [.. list.EnumerateArray().Select(ShopifyJson.Read<ShopifyRefund>)];
                    }
                }
                catch (JsonException)
                {
                    // Left out: the order's refunds are read through GraphQL instead, which explains what it cannot read.
                }
            }
        }

        return refunds;
    }
}
