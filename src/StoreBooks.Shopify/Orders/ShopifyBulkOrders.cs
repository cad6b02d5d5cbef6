using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Shopify.Bulk;
using StoreBooks.Shopify.Http;

namespace StoreBooks.Shopify.Orders;

/// <summary>
/// Orders through one bulk export instead of thousands of pages: each exported order is put back together from its line and
/// its line items' and shipping lines' lines into the node <see cref="ShopifyGraphQLOrders"/> reads, then mapped the same way,
/// 250 orders a page, oldest update first (the export's sort). The file is streamed; only the page being filled is held.
/// An order with refunds has its refunds read again alone (a refund's entries are connections inside a list, which a bulk
/// query cannot select), up to <see cref="ReadsAhead"/> at once.
/// </summary>
internal sealed class ShopifyBulkOrders(ShopifyClient client, ShopifyGraphQLOrders reader)
{
    public const int PageSize = 250;

    private readonly ShopifyBulkQuery _bulk = new(client);

    /// <summary>
    /// Exported orders completed at once, in order: an order with refunds is read again alone (about a tenth of a store's orders,
    /// and all near the end of the export, which is sorted by update), so these reads overlap instead of queuing one by one.
    /// </summary>
    public const int ReadsAhead = 8;

    /// <summary>Orders matching the search <paramref name="query"/> (all when null), oldest update first.</summary>
    public async IAsyncEnumerable<SourcePage<StoreOrder>> ReadAsync(string? query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = new List<StoreOrder>();
        var problems = new List<SourceProblem>();
        var pages = 0;
        var reading = new Queue<Task<(StoreOrder? Order, SourceProblem? Problem)>>();
        try
        {
            await foreach (var root in _bulk.ReadAsync(OrderQueries.BulkOrders(query), cancellationToken).ConfigureAwait(false))
            {
                var element = JsonSerializer.SerializeToElement(Node(root));
                reading.Enqueue(reader.ReadNodeAsync(element, refundsWhole: false, cancellationToken));
                while (reading.Count > ReadsAhead || (reading.Count > 0 && reading.Peek().IsCompleted))
                {
                    Add(await reading.Dequeue().ConfigureAwait(false));
                    if (records.Count + problems.Count >= PageSize)
                    {
                        yield return new SourcePage<StoreOrder>(records, problems);
                        pages++;
                        records = [];
                        problems = [];
                    }
                }
            }

            while (reading.Count > 0)
            {
                Add(await reading.Dequeue().ConfigureAwait(false));
                if (records.Count + problems.Count >= PageSize)
                {
                    yield return new SourcePage<StoreOrder>(records, problems);
                    pages++;
                    records = [];
                    problems = [];
                }
            }
        }
        finally
        {
            // Reads left when the caller stops early (or one failed) are awaited, so none runs on unobserved.
            while (reading.Count > 0)
            {
                try
                {
                    await reading.Dequeue().ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or ShopifyApiException or HttpRequestException)
                {
                }
            }
        }

        if (records.Count + problems.Count > 0 || pages == 0)
        {
            yield return new SourcePage<StoreOrder>(records, problems);
        }

        void Add((StoreOrder? Order, SourceProblem? Problem) read)
        {
            if (read.Order is not null)
            {
                records.Add(read.Order);
            }
            else if (read.Problem is not null)
            {
                problems.Add(read.Problem);
            }
        }
    }

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
