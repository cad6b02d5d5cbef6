using System.Text;
using System.Text.Json.Nodes;
using GraphQLParser.AST;

namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>
/// Connections in the GraphQL engine, one way for every list (products, variants, orders, an order's line items, a refund's
/// entries): first/after or last/before over the items in their sort, cursors that carry the sort key and id (Shopify's
/// cursors are opaque; these resume after their place even when the item they name has moved since).
/// </summary>
internal sealed partial class AdminGraphQL
{
    private delegate JsonNode? RenderNode<in T>(T item, GraphQLSelectionSet? set, ref int cost);

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
