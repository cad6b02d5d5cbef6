using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Shopify.Bulk;
using StoreBooks.Shopify.Http;
using StoreBooks.Shopify.Json;

namespace StoreBooks.Shopify.Orders;

/// <summary>
/// Orders through one bulk export instead of thousands of pages: each exported order is put back together from its line and
/// its line items' and shipping lines' lines into the node <see cref="ShopifyGraphQLOrders"/> reads, then mapped the same way,
/// 250 orders a page, oldest update first (the export's sort). The file is streamed; only the page being filled is held.
/// The refunds of the page's refunded orders are read through REST in one call (<see cref="ShopifyRestRefunds"/>): a refund's
/// entries are connections inside a list, which a bulk query cannot select.
/// </summary>
internal sealed class ShopifyBulkOrders(ShopifyClient client, ShopifyGraphQLOrders reader)
{
    public const int PageSize = 250;

    private readonly ShopifyBulkQuery _bulk = new(client);

    /// <summary>Orders matching the search <paramref name="query"/> (all when null), oldest update first.</summary>
    public async IAsyncEnumerable<SourcePage<StoreOrder>> ReadAsync(string? query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var exported = new List<JsonElement>(PageSize);
        var pages = 0;
        await foreach (var root in _bulk.ReadAsync(OrderQueries.BulkOrders(query), cancellationToken).ConfigureAwait(false))
        {
            exported.Add(JsonSerializer.SerializeToElement(Node(root)));
            if (exported.Count >= PageSize)
            {
                yield return await PageAsync(exported, cancellationToken).ConfigureAwait(false);
                pages++;
                exported = new List<JsonElement>(PageSize);
            }
        }

        if (exported.Count > 0 || pages == 0)
        {
            yield return await PageAsync(exported, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A page of exported orders, the refunds of those that have any read in one REST call.</summary>
    private async Task<SourcePage<StoreOrder>> PageAsync(List<JsonElement> exported, CancellationToken cancellationToken)
    {
        var refunded = exported.Where(HasRefunds).Select(LegacyId).OfType<long>().ToList();
        var refunds = refunded.Count == 0 ? [] : await ShopifyRestRefunds.ReadAsync(client, refunded, cancellationToken).ConfigureAwait(false);
        var records = new List<StoreOrder>();
        var problems = new List<SourceProblem>();
        foreach (var element in exported)
        {
            var rest = LegacyId(element) is { } id ? refunds.GetValueOrDefault(id) : null;
            var (order, problem) = await reader.ReadNodeAsync(element, refundsWhole: false, cancellationToken, rest).ConfigureAwait(false);
            if (order is not null)
            {
                records.Add(order);
            }
            else if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        return new SourcePage<StoreOrder>(records, problems);
    }

    private static bool HasRefunds(JsonElement order) =>
        order.TryGetProperty("refunds", out var refunds) && refunds.ValueKind == JsonValueKind.Array && refunds.GetArrayLength() > 0;

    private static long? LegacyId(JsonElement order) =>
        order.TryGetProperty("legacyResourceId", out var id) && ShopifyJson.TryParseId(id.ToString(), out var parsed) ? parsed : null;

    /// <summary>An exported order with its children put back as the paged query has them: whole connections, no further page.</summary>
    internal static JsonObject Node(ShopifyBulkNode root)
    {
        var order = root.Value;
        order["shippingLines"] = Connection(root.ChildrenOf("ShippingLine"));
        order["lineItems"] = Connection(root.ChildrenOf("LineItem"));
        return order;
    }

    private static JsonObject Connection(IReadOnlyList<ShopifyBulkNode> children) => new()
    {
        ["nodes"] = new JsonArray([.. children.Select(c => (JsonNode)c.Value)]),
        ["pageInfo"] = new JsonObject { ["hasNextPage"] = false, ["endCursor"] = null },
    };
}
