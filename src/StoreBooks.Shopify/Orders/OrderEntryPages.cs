using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Shopify.Http;
using StoreBooks.Shopify.Json;
using StoreBooks.Shopify.Products;

namespace StoreBooks.Shopify.Orders;

/// <summary>
/// Reads what an order node left for later: the rest of any nested connection that stopped short (line items, shipping lines,
/// and each refund's line items, transactions, adjustments and refunded shipping), page by page from its end cursor, through
/// <c>order(id:)</c> and <c>refund(id:)</c>. An order is never cut short however large it is.
/// </summary>
internal sealed class OrderEntryPages(ShopifyClient client)
{
    /// <summary>The order's line items, all of them.</summary>
    public async Task<List<GqlLineItem>> AllLinesAsync(GqlOrder node, CancellationToken cancellationToken)
    {
        var lines = await RestAsync(
            OrderQueries.MoreLines, "order", node.Id, "lineItems", node.LineItems, OrderQueries.MoreLinesFirst, OrderQueries.MoreLinesCost, cancellationToken).ConfigureAwait(false);
        return lines?.Nodes ?? [];
    }

    /// <summary>The order with its shipping lines and every refund's entries whole.</summary>
    public async Task<GqlOrder> CompleteAsync(GqlOrder node, CancellationToken cancellationToken)
    {
        var shipping = await MoreAsync(OrderQueries.MoreShippingLines, "order", node.Id, "shippingLines", node.ShippingLines, cancellationToken).ConfigureAwait(false);
        List<GqlRefund>? refunds = null;
        if (node.Refunds is { } listed)
        {
            refunds = new List<GqlRefund>(listed.Count);
            foreach (var refund in listed)
            {
                refunds.Add(await CompleteRefundAsync(refund, cancellationToken).ConfigureAwait(false));
            }
        }

        return node with { ShippingLines = shipping, Refunds = refunds };
    }

    private async Task<GqlRefund> CompleteRefundAsync(GqlRefund refund, CancellationToken cancellationToken) => refund with
    {
        RefundLineItems = await MoreAsync(OrderQueries.MoreRefundLineItems, "refund", refund.Id, "refundLineItems", refund.RefundLineItems, cancellationToken).ConfigureAwait(false),
        Transactions = await MoreAsync(OrderQueries.MoreRefundTransactions, "refund", refund.Id, "transactions", refund.Transactions, cancellationToken).ConfigureAwait(false),
        OrderAdjustments = await MoreAsync(OrderQueries.MoreOrderAdjustments, "refund", refund.Id, "orderAdjustments", refund.OrderAdjustments, cancellationToken).ConfigureAwait(false),
        RefundShippingLines = await MoreAsync(OrderQueries.MoreRefundShippingLines, "refund", refund.Id, "refundShippingLines", refund.RefundShippingLines, cancellationToken).ConfigureAwait(false),
    };

    private Task<ShopifyConnection<T>?> MoreAsync<T>(string query, string root, string? id, string field, ShopifyConnection<T>? connection, CancellationToken cancellationToken) =>
        RestAsync(query, root, id, field, connection, OrderQueries.MoreEntriesFirst, OrderQueries.MoreEntriesCost, cancellationToken);

    /// <summary>The connection with every page after its first: <paramref name="query"/> reads <c>root(id:) { field(first, after) }</c>.</summary>
    private async Task<ShopifyConnection<T>?> RestAsync<T>(
        string query, string root, string? id, string field, ShopifyConnection<T>? connection, int first, int cost, CancellationToken cancellationToken)
    {
        if (connection is not { PageInfo.HasNextPage: true })
        {
            return connection;
        }

        if (id is null)
        {
            throw new JsonException($"Shopify sent a {root} without an id, so the rest of its {field} cannot be read");
        }

        var nodes = new List<T>(connection.Nodes);
        var info = connection.PageInfo;
        while (info is { HasNextPage: true, EndCursor: { } after })
        {
            var variables = new JsonObject { ["id"] = id, ["first"] = first, ["after"] = after };
            var data = await client.QueryAsync(query, variables, cost, cancellationToken).ConfigureAwait(false);
            if (data.GetProperty(root) is not { ValueKind: JsonValueKind.Object } parent)
            {
                throw new JsonException($"the {root} went away while its {field} were read");
            }

            var page = parent.GetProperty(field).Deserialize<ShopifyConnection<T>>(ShopifyJson.GraphQLOptions)
                ?? throw new JsonException($"Shopify sent no {field} for the {root}");
            nodes.AddRange(page.Nodes);
            info = page.PageInfo;
        }

        return new ShopifyConnection<T>(nodes, info with { HasNextPage = false });
    }
}
