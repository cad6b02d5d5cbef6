using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Shopify.Http;
using StoreBooks.Shopify.Json;
using StoreBooks.Shopify.Products;

namespace StoreBooks.Shopify.Orders;

/// <summary>
/// Orders through the GraphQL Admin API: a page of orders with their line items, transactions and refunds in one query (no
/// call per order), as many orders a page as the shop's points allow (at most 1000 a query). An order with more line items,
/// shipping lines or refund entries than the page's nested sizes is read again alone, and whatever it has beyond that is paged
/// (<see cref="OrderEntryPages"/>); none is cut short. Each node becomes the REST records <see cref="ShopifyOrderMapper"/> reads.
/// </summary>
internal sealed class ShopifyGraphQLOrders(ShopifyClient client)
{
    private const int MaxQueryCost = 1000;

    private readonly OrderEntryPages _entries = new(client);

    /// <summary>Orders matching the search <paramref name="query"/> (all when null), oldest update first.</summary>
    public async IAsyncEnumerable<SourcePage<StoreOrder>> ReadAsync(string? query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var nested = OrderQueries.InPage;
        var first = FirstFor(nested);
        string? after = null;
        while (true)
        {
            JsonElement data;
            try
            {
                var variables = Nested(nested);
                variables["first"] = first;
                variables["after"] = after;
                variables["query"] = query;
                data = await client.QueryAsync(OrderQueries.Orders, variables, OrderQueries.OrdersCost(first, nested), cancellationToken).ConfigureAwait(false);
            }
            catch (ShopifyQueryTooCostlyException) when (first > 1)
            {
                first = Math.Max(1, first / 2);
                continue;
            }

            var orders = data.GetProperty("orders");
            var records = new List<StoreOrder>();
            var problems = new List<SourceProblem>();
            foreach (var element in orders.GetProperty("nodes").EnumerateArray())
            {
                var (order, problem) = await ReadNodeAsync(element, refundsWhole: true, cancellationToken).ConfigureAwait(false);
                if (order is not null)
                {
                    records.Add(order);
                }
                else if (problem is not null)
                {
                    problems.Add(problem);
                }
            }

            yield return new SourcePage<StoreOrder>(records, problems);
            var info = orders.GetProperty("pageInfo");
            if (!info.GetProperty("hasNextPage").GetBoolean() || info.GetProperty("endCursor").GetString() is not { } cursor)
            {
                yield break;
            }

            after = cursor;
            first = FirstFor(nested);
        }
    }

    /// <summary>How many orders a page may ask for: its requested cost within 1000 and within the shop's whole budget.</summary>
    private int FirstFor(OrderQueries.Nested nested)
    {
        var budget = (int)Math.Min(MaxQueryCost, client.Budget.MaximumAvailable ?? MaxQueryCost);
        return Math.Clamp((budget - 2) / nested.OrderCost, 1, 250);
    }

    private static JsonObject Nested(OrderQueries.Nested nested) => new()
    {
        ["lines"] = nested.Lines,
        ["shipping"] = nested.Shipping,
        ["refundItems"] = nested.RefundItems,
    };

    /// <summary>
    /// One order node, completed when it stopped short (or, when <paramref name="refundsWhole"/> is false, when it has refunds,
    /// whose entries the node lacks); an order that cannot be read is a problem tied to its id, name and time.
    /// </summary>
    /// <param name="restRefunds">The order's refunds as REST has them, read for a bulk export's page: used as they are, instead of reading the refunds again.</param>
    internal async Task<(StoreOrder? Order, SourceProblem? Problem)> ReadNodeAsync(JsonElement element, bool refundsWhole, CancellationToken cancellationToken, List<ShopifyRefund>? restRefunds = null)
    {
        try
        {
            var node = element.Deserialize<GqlOrder>(ShopifyJson.GraphQLOptions) ?? throw new JsonException("Shopify sent null for an order.");
            if (!refundsWhole && restRefunds is not null && !node.HasMoreBesideLines)
            {
                var (withRest, restTransactions) = GqlOrderTranslation.ToRest(node with { Refunds = [] }, await _entries.AllLinesAsync(node, cancellationToken).ConfigureAwait(false));
                return (ShopifyOrderMapper.Map(withRest with { Refunds = restRefunds }, restTransactions), null);
            }

            if (!refundsWhole && !node.HasMoreBesideLines && node.Refunds is { Count: > 0 })
            {
                // A bulk export's order: its lines are whole, only its refunds' entries are missing.
                var refunds = await RefundsAloneAsync(node, cancellationToken).ConfigureAwait(false);
                if (refunds is null)
                {
                    return (null, null);
                }

                node = await _entries.CompleteAsync(node with { Refunds = refunds }, cancellationToken).ConfigureAwait(false);
            }

            if (node.HasMoreBesideLines)
            {
                var whole = await OrderAloneAsync(node, cancellationToken).ConfigureAwait(false);
                if (whole is null)
                {
                    return (null, null);
                }

                node = await _entries.CompleteAsync(whole, cancellationToken).ConfigureAwait(false);
            }

            var lines = await _entries.AllLinesAsync(node, cancellationToken).ConfigureAwait(false);
            var (order, transactions) = GqlOrderTranslation.ToRest(node, lines);
            return (ShopifyOrderMapper.Map(order, transactions), null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or OverflowException)
        {
            return (null, Unreadable(element, e));
        }
    }

    private async Task<List<GqlRefund>?> RefundsAloneAsync(GqlOrder node, CancellationToken cancellationToken)
    {
        var variables = new JsonObject { ["id"] = node.Id, ["refundItems"] = OrderQueries.Whole.RefundItems };
        var data = await client.QueryAsync(OrderQueries.Refunds, variables, OrderQueries.RefundsCost(OrderQueries.Whole.RefundItems), cancellationToken).ConfigureAwait(false);
        return data.GetProperty("order") is { ValueKind: JsonValueKind.Object } order && order.TryGetProperty("refunds", out var refunds)
            ? refunds.Deserialize<List<GqlRefund>>(ShopifyJson.GraphQLOptions)
            : null;
    }

    private async Task<GqlOrder?> OrderAloneAsync(GqlOrder node, CancellationToken cancellationToken)
    {
        var variables = Nested(OrderQueries.Whole);
        variables["id"] = node.Id;
        var data = await client.QueryAsync(OrderQueries.Order, variables, OrderQueries.OrderCost(OrderQueries.Whole), cancellationToken).ConfigureAwait(false);
        return data.GetProperty("order") is { ValueKind: JsonValueKind.Object } order ? order.Deserialize<GqlOrder>(ShopifyJson.GraphQLOptions) : null;
    }

    private static SourceProblem Unreadable(JsonElement element, Exception e)
    {
        string? Text(string name) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var id = Text("legacyResourceId") ?? (GqlOrderTranslation.Number(Text("id")) is { } n ? n.ToString(CultureInfo.InvariantCulture) : "?");
        var name = Text("name");
        return new SourceProblem(id, StoreMessages.UnreadableOrder("Shopify", id, name, e.Message))
        {
            OrderId = ShopifyJson.TryParseId(id, out var parsed) && parsed > 0 ? id : null,
            OrderNumber = name?.TrimStart('#'),
            UpdatedAt = DateTimeOffset.TryParse(Text("updatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null,
        };
    }
}
