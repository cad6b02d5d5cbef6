using System.Text;
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

    private delegate JsonNode? RenderNode<in T>(T item, GraphQLSelectionSet? set, ref int cost);

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

    /// <summary>One page of a connection (first/after or last/before over <paramref name="all"/> in order): nodes, edges, pageInfo.</summary>
    private JsonObject Page<T>(GraphQLField field, string nodeType, List<T> all, Func<T, (long Sort, long Id)> key, RenderNode<T> render, Context context, ref int cost)
    {
        var first = IntArgument(field, "first", context);
        var last = IntArgument(field, "last", context);
        var after = PageCursor(StringArgument(field, "after", context), all, key);
        var before = PageCursor(StringArgument(field, "before", context), all, key);
        var start = after + 1;
        var end = before < 0 ? all.Count : before;
        if (first is { } f)
        {
            end = Math.Min(end, start + f);
        }
        else if (last is { } l)
        {
            start = Math.Max(start, end - l);
        }

        var page = all.Skip(start).Take(Math.Max(0, end - start)).ToList();
        cost += 2;
        var connection = new JsonObject();
        foreach (var sub in Fields(field.SelectionSet, context))
        {
            var outKey = sub.Alias?.Name.StringValue ?? sub.Name.StringValue;
            switch (sub.Name.StringValue)
            {
                case "__typename":
                    connection[outKey] = nodeType + "Connection";
                    break;
                case "nodes":
                    var nodes = new JsonArray();
                    foreach (var item in page)
                    {
                        cost += 1;
                        nodes.Add(render(item, sub.SelectionSet, ref cost));
                    }

                    connection[outKey] = nodes;
                    break;
                case "edges":
                    var edges = new JsonArray();
                    foreach (var item in page)
                    {
                        var edge = new JsonObject();
                        foreach (var e in Fields(sub.SelectionSet, context))
                        {
                            var ek = e.Alias?.Name.StringValue ?? e.Name.StringValue;
                            switch (e.Name.StringValue)
                            {
                                case "cursor":
                                    edge[ek] = PageCursor(key(item));
                                    break;
                                case "node":
                                    cost += 1;
                                    edge[ek] = render(item, e.SelectionSet, ref cost);
                                    break;
                                default:
                                    edge[ek] = nodeType + "Edge";
                                    break;
                            }
                        }

                        edges.Add(edge);
                    }

                    connection[outKey] = edges;
                    break;
                case "pageInfo":
                    var info = new JsonObject();
                    foreach (var p in Fields(sub.SelectionSet, context))
                    {
                        info[p.Alias?.Name.StringValue ?? p.Name.StringValue] = p.Name.StringValue switch
                        {
                            "hasNextPage" => end < all.Count,
                            "hasPreviousPage" => start > 0,
                            "startCursor" => page.Count > 0 ? PageCursor(key(page[0])) : null,
                            "endCursor" => page.Count > 0 ? PageCursor(key(page[^1])) : null,
                            _ => "PageInfo",
                        };
                    }

                    connection[outKey] = info;
                    break;
            }
        }

        return connection;
    }

    private static string PageCursor((long Sort, long Id) key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"last_id\":{key.Id},\"last_value\":{key.Sort}}}"));

    private static int PageCursor<T>(string? cursor, List<T> all, Func<T, (long Sort, long Id)> key)
    {
        if (cursor is null)
        {
            return -1;
        }

        try
        {
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)))!;
            var wanted = (json["last_value"]!.GetValue<long>(), json["last_id"]!.GetValue<long>());
            var exact = all.FindIndex(item => key(item) == wanted);

            // A cursor whose order has since moved (updated again) still marks a place in the sort: resume after it.
            return exact >= 0 ? exact : all.FindLastIndex(item => key(item).CompareTo(wanted) < 0);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            return -1;
        }
    }
}
