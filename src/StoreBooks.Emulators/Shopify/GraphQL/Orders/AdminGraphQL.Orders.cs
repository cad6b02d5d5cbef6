using System.Text.Json.Nodes;
using GraphQLParser.AST;
using StoreBooks.Emulators.Shopify.Data;
using StoreBooks.Emulators.Shopify.GraphQL.Orders;

namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>
/// Orders in the GraphQL engine: <c>orders(first, after, query, sortKey, reverse)</c> and <c>order(id)</c> over the same order
/// rows the REST endpoints serve (hidden past 60 days without read_all_orders, as there), each order resolved from its
/// <see cref="OrderGraph"/>; nested connections (line items, refund line items …) page with their own first/after.
/// </summary>
internal sealed partial class AdminGraphQL
{
    private static readonly HashSet<string> OrderSortKeys = new(StringComparer.Ordinal) { "ID", "UPDATED_AT", "CREATED_AT", "PROCESSED_AT" };

    private JsonObject? OrdersConnection(GraphQLField field, Context context, ref int cost)
    {
        if (OrderRows(field, context, out var key) is not { } rows)
        {
            return null;
        }

        return Page(field, "Order", rows, key, (ShopifyOrderRow row, GraphQLSelectionSet? set, ref int c) => ResolveGraph(set, "Order", OrderNode(row), context, ref c), context, ref cost);
    }

    /// <summary>
    /// The order rows an <c>orders(query, sortKey, reverse)</c> field selects, in its order (null, with an error, for an unknown
    /// sort key). Rows are light; each order's graph is built only when it is resolved or written.
    /// </summary>
    private List<ShopifyOrderRow>? OrderRows(GraphQLField field, Context context, out Func<ShopifyOrderRow, (long, long)> key)
    {
        var sortKey = EnumArgument(field, "sortKey", context) ?? "ID";
        key = r => (r.Id, r.Id);
        if (!OrderSortKeys.Contains(sortKey))
        {
            context.Errors.Add(Error(
                $"Argument 'sortKey' on Field 'orders' has an invalid value ({sortKey}). Expected type 'OrderSortKeys'.",
                "argumentLiteralsIncompatible",
                [field.Alias?.Name.StringValue ?? "orders"]));
            return null;
        }

        var offset = shopify.Options.UtcOffset;
        var search = OrderSearch.Parse(StringArgument(field, "query", context));
        var oldest = shopify.ReadAllOrders ? DateTimeOffset.MinValue : shopify.Time.GetUtcNow().AddDays(-60);
        var rows = shopify.Shop.OrderRows().Where(r => r.CreatedAt >= oldest && search.Matches(r, offset)).ToList();
        Func<ShopifyOrderRow, (long, long)> sort = sortKey switch
        {
            "UPDATED_AT" => r => (r.UpdatedAt.UtcTicks, r.Id),
            "CREATED_AT" or "PROCESSED_AT" => r => (r.CreatedAt.UtcTicks, r.Id),
            _ => r => (r.Id, r.Id),
        };
        rows.Sort((a, b) => sort(a).CompareTo(sort(b)));
        if (BoolArgument(field, "reverse", context) == true)
        {
            rows.Reverse();
        }

        key = sort;
        return rows;
    }

    /// <summary>
    /// <c>ordersCount(query:, limit: 10000)</c>: how many orders <c>orders(query:)</c> would list, as a <c>Count</c>; past
    /// <c>limit</c> the count stops there with precision AT_LEAST (Shopify's Count and CountPrecision). Orders hidden past
    /// 60 days without read_all_orders are not counted, as they are not listed.
    /// </summary>
    private Source? OrdersCount(GraphQLField field, Context context)
    {
        var rows = OrderRows(field, context, out _);
        if (rows is null)
        {
            return null;
        }

        // limit: 10000 when left out; null (literal or variable) counts them all.
        var limit = Argument(field, "limit") is null ? 10_000 : IntArgument(field, "limit", context);
        var capped = limit is { } l ? Math.Min(rows.Count, l) : rows.Count;
        return new Source(null, null, null, new JsonObject { ["count"] = capped, ["precision"] = capped < rows.Count ? "AT_LEAST" : "EXACT" });
    }

    /// <summary><c>order(id:)</c>: null when the shop does not have it (or it is hidden past 60 days).</summary>
    private Source? OrderSource(GraphQLField field, Context context)
    {
        var id = GidNumber(StringArgument(field, "id", context));
        var row = id is null ? null : shopify.Shop.FindOrder(id.Value);
        if (row is null || (!shopify.ReadAllOrders && row.CreatedAt < shopify.Time.GetUtcNow().AddDays(-60)))
        {
            return null;
        }

        return new Source(null, null, null, OrderNode(row));
    }

    /// <summary><c>refund(id:)</c>: the refund as its order's graph has it, null when no order visible to the app holds it.</summary>
    private Source? RefundSource(GraphQLField field, Context context)
    {
        var id = GidNumber(StringArgument(field, "id", context));
        var row = id is null ? null : shopify.Shop.FindOrderOfRefund(id.Value);
        if (row is null || (!shopify.ReadAllOrders && row.CreatedAt < shopify.Time.GetUtcNow().AddDays(-60)))
        {
            return null;
        }

        var gid = ShopifyIds.Gid("Refund", id!.Value);
        var refund = (OrderNode(row)["refunds"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(r => (string?)r["id"] == gid);
        return refund is null ? null : new Source(null, null, null, refund);
    }

    private JsonObject OrderNode(ShopifyOrderRow row) =>
        OrderGraph.Build(shopify.Shop.Render(row), shopify.Shop.Transactions(row.Id), shopify.Options.Currency, shopify.Options.UtcOffset);

    /// <summary>Resolves a selection against a prepared GraphQL-shaped object: scalars copied, objects and lists walked, connections paged.</summary>
    private JsonObject ResolveGraph(GraphQLSelectionSet? set, string type, JsonObject graph, Context context, ref int cost)
    {
        var result = new JsonObject();
        foreach (var field in Fields(set, context))
        {
            var name = field.Name.StringValue;
            var key = field.Alias?.Name.StringValue ?? name;
            if (name == "__typename")
            {
                result[key] = graph["__typename"]?.DeepClone() ?? type;
                continue;
            }

            var fieldType = FieldOf(type, name);
            var value = graph[name];
            if (fieldType is null)
            {
                result[key] = null;
            }
            else if (fieldType.Connection && context.Bulk)
            {
                // In a bulk export a connection's nodes are lines of their own (see WriteChildren), not part of this object.
                continue;
            }
            else if (fieldType.Connection)
            {
                var items = (value as JsonArray ?? []).OfType<JsonObject>().Select((node, index) => (Node: node, Index: (long)index)).ToList();
                var nodeType = fieldType.Type;
                result[key] = Page(
                    field,
                    nodeType,
                    items,
                    item => (item.Index, item.Index),
                    ((JsonObject Node, long Index) item, GraphQLSelectionSet? s, ref int c) => ResolveGraph(s, nodeType, item.Node, context, ref c),
                    context,
                    ref cost);
            }
            else if (fieldType.IsLeaf)
            {
                result[key] = value?.DeepClone();
            }
            else if (fieldType.List)
            {
                var list = new JsonArray();
                cost += 1;
                foreach (var item in (value as JsonArray ?? []).OfType<JsonObject>())
                {
                    list.Add(ResolveGraph(field.SelectionSet, fieldType.Type, item, context, ref cost));
                }

                result[key] = list;
            }
            else if (value is JsonObject child)
            {
                cost += 1;
                result[key] = ResolveGraph(field.SelectionSet, fieldType.Type, child, context, ref cost);
            }
            else
            {
                result[key] = null;
            }
        }

        return result;
    }
}
