using System.Globalization;
using System.Text.Json.Nodes;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using StoreBooks.Emulators.Shopify.Data;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>
/// Runs a GraphQL Admin API query against the shop's products and variants: checks every field against
/// <see cref="AdminSchema"/> first (unknown fields are GraphQL errors, not crashes), prices the query as Shopify does
/// (objects 1, connections 2 + first × node cost), then resolves it with cursor paging.
/// </summary>
internal sealed partial class AdminGraphQL(ShopifyEmulator shopify)
{
    /// <param name="Bulk">Inside a bulk query: connections need no first/last and are left out of an object (each node is its own JSONL line).</param>
    /// <param name="Request">The HTTP request's API version and origin (bulk operations' file URLs are built on it).</param>
    private sealed record Context(Dictionary<string, GraphQLFragmentDefinition> Fragments, JsonObject Variables, List<JsonObject> Errors, bool Bulk = false, BulkRequest? Request = null);

    /// <summary>Data of one product or variant with the objects it joins to.</summary>
    private sealed record Source(JsonObject? Product, JsonObject? Variant, JsonObject? Item, JsonObject? Graph = null);

    public sealed record Outcome(JsonObject Body, int RequestedCost, int? ActualCost);

    public Outcome Execute(string query, JsonObject? variables, string? operationName, BulkRequest? request = null)
    {
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query, new ParserOptions { MaxDepth = 1000 });
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return Fail(0, Error($"Query is nested too deeply to parse, which exceeds max depth of {shopify.Options.GraphQLMaxDepth}", "MAX_DEPTH_EXCEEDED"));
        }
        catch (GraphQLSyntaxErrorException e)
        {
            return Fail(0, Error($"Parse error: {e.Description}", "parseError", line: e.Location.Line, column: e.Location.Column));
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null ? operations.FirstOrDefault() : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        if (operation is null || (operationName is null && operations.Count > 1))
        {
            return Fail(0, Error(operationName is null ? "An operation name is required when the document has several operations." : $"No operation named '{operationName}'.", "operationNotFound"));
        }

        if (operation.Operation == OperationType.Mutation && request is not null)
        {
            return ExecuteMutation(document, operation, variables, request);
        }

        if (operation.Operation != OperationType.Query)
        {
            return Fail(0, Error("The StoreBooks emulator answers queries only; mutations and subscriptions are not emulated.", "unsupportedOperation"));
        }

        if (document.Definitions.OfType<GraphQLFragmentDefinition>().GroupBy(f => f.FragmentName.Name.StringValue).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return Fail(0, Error($"Fragment name \"{repeated.Key}\" must be unique", "fragmentNamesAreUnique"));
        }

        var context = new Context(
            document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue),
            variables ?? [],
            [],
            Request: request);
        if (context.Fragments.Keys.FirstOrDefault(name => Loops(name, context.Fragments, [])) is { } looping)
        {
            return Fail(0, Error($"Fragment {looping} contains an infinite loop", "infiniteLoop"));
        }

        var depth = Depth(operation.SelectionSet, context.Fragments);
        if (depth > shopify.Options.GraphQLMaxDepth)
        {
            return Fail(0, Error($"Query has depth of {depth}, which exceeds max depth of {shopify.Options.GraphQLMaxDepth}", "MAX_DEPTH_EXCEEDED"));
        }

        foreach (var definition in operation.Variables?.Items ?? [])
        {
            var name = definition.Variable.Name.StringValue;
            if (!context.Variables.ContainsKey(name) && definition.DefaultValue is { } value)
            {
                context.Variables[name] = Literal(value, context);
            }
        }

        var requested = Price(operation.SelectionSet, "QueryRoot", context, ["query"]);
        if (context.Errors.Count > 0)
        {
            return new Outcome(new JsonObject { ["errors"] = new JsonArray([.. context.Errors]) }, 0, null);
        }

        if (requested > shopify.Options.GraphQLMaxQueryCost)
        {
            return Fail(requested, Error(
                $"Query cost is {requested}, which exceeds the single query max cost limit ({shopify.Options.GraphQLMaxQueryCost}). Ask for fewer items with first/last.",
                "MAX_COST_EXCEEDED"));
        }

        if (!shopify.QueryCost.TryTake(requested))
        {
            shopify.Faults.CountThrottled();
            var throttled = Error("Throttled", "THROTTLED");
            throttled["extensions"]!["documentation"] = "https://shopify.dev/api/usage/rate-limits";
            return new Outcome(new JsonObject { ["errors"] = new JsonArray(throttled), ["extensions"] = new JsonObject { ["cost"] = shopify.QueryCost.Cost(requested, null) } }, requested, null);
        }

        var actual = 0;
        var data = Resolve(operation.SelectionSet, "QueryRoot", new Source(null, null, null), context, ref actual);
        shopify.QueryCost.Refund(Math.Max(0, requested - actual));
        var body = new JsonObject { ["data"] = data };
        if (context.Errors.Count > 0)
        {
            body["errors"] = new JsonArray([.. context.Errors]);
        }

        body["extensions"] = new JsonObject { ["cost"] = shopify.QueryCost.Cost(requested, actual) };
        return new Outcome(body, requested, actual);
    }

    private Outcome Fail(int requested, JsonObject error) =>
        new(new JsonObject { ["errors"] = new JsonArray(error), ["extensions"] = new JsonObject { ["cost"] = shopify.QueryCost.Cost(requested, null) } }, requested, null);

    private static JsonObject Error(string message, string code, IEnumerable<string>? path = null, int line = 0, int column = 0)
    {
        var error = new JsonObject { ["message"] = message };
        if (line > 0)
        {
            error["locations"] = new JsonArray(new JsonObject { ["line"] = line, ["column"] = column });
        }

        if (path is not null)
        {
            error["path"] = new JsonArray([.. path.Select(p => (JsonNode?)JsonValue.Create(p))]);
        }

        error["extensions"] = new JsonObject { ["code"] = code };
        return error;
    }

    /// <summary>Whether the fragment spreads itself, directly or through others (graphql-ruby's FragmentsAreFinite rule).</summary>
    private static bool Loops(string name, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> path)
    {
        if (!path.Add(name))
        {
            return true;
        }

        var loops = fragments.TryGetValue(name, out var fragment) && Spreads(fragment.SelectionSet).Any(s => Loops(s, fragments, path));
        path.Remove(name);
        return loops;
    }

    private static IEnumerable<string> Spreads(GraphQLSelectionSet? set)
    {
        foreach (var selection in set?.Selections ?? [])
        {
            var inner = selection switch
            {
                GraphQLFragmentSpread spread => [spread.FragmentName.Name.StringValue],
                GraphQLInlineFragment inline => Spreads(inline.SelectionSet),
                GraphQLField field => Spreads(field.SelectionSet),
                _ => [],
            };
            foreach (var name in inner)
            {
                yield return name;
            }
        }
    }

    /// <summary>Nesting depth of field selections, fragments expanded (called once fragments are known not to loop).</summary>
    private static int Depth(GraphQLSelectionSet? set, Dictionary<string, GraphQLFragmentDefinition> fragments)
    {
        var deepest = 0;
        foreach (var selection in set?.Selections ?? [])
        {
            var depth = selection switch
            {
                GraphQLField field => field.SelectionSet is null ? 1 : 1 + Depth(field.SelectionSet, fragments),
                GraphQLInlineFragment inline => Depth(inline.SelectionSet, fragments),
                GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) => Depth(fragment.SelectionSet, fragments),
                _ => 0,
            };
            deepest = Math.Max(deepest, depth);
        }

        return deepest;
    }

    /// <summary>Fields of a selection set with fragments expanded.</summary>
    private static IEnumerable<GraphQLField> Fields(GraphQLSelectionSet? set, Context context)
    {
        foreach (var selection in set?.Selections ?? [])
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var f in Fields(inline.SelectionSet, context))
                    {
                        yield return f;
                    }

                    break;
                case GraphQLFragmentSpread spread when context.Fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                    foreach (var f in Fields(fragment.SelectionSet, context))
                    {
                        yield return f;
                    }

                    break;
                case GraphQLFragmentSpread spread:
                    context.Errors.Add(Error($"Fragment {spread.FragmentName.Name.StringValue} was used, but not defined", "useAndDefineFragment"));
                    break;
            }
        }
    }

    private static AdminSchema.FieldType? FieldOf(string type, string field)
    {
        if (type.EndsWith("Connection", StringComparison.Ordinal))
        {
            return AdminSchema.ConnectionField(type[..^"Connection".Length], field);
        }

        if (type.EndsWith("Edge", StringComparison.Ordinal))
        {
            return AdminSchema.EdgeField(type[..^"Edge".Length], field);
        }

        return (AdminSchema.Types.TryGetValue(type, out var fields) && fields.TryGetValue(field, out var t) ? t : null) ?? BulkSchema.Field(type, field);
    }

    /// <summary>Validates the selection and returns its requested cost.</summary>
    private int Price(GraphQLSelectionSet? set, string type, Context context, List<string> path)
    {
        var cost = 0;
        foreach (var field in Fields(set, context))
        {
            var name = field.Name.StringValue;
            if (name == "__typename")
            {
                continue;
            }

            var fieldType = FieldOf(type, name);
            var here = new List<string>(path) { field.Alias?.Name.StringValue ?? name };
            if (fieldType is null)
            {
                var error = Error($"Field '{name}' doesn't exist on type '{type}'", "undefinedField", here);
                error["extensions"]!["typeName"] = type;
                error["extensions"]!["fieldName"] = name;
                context.Errors.Add(error);
                continue;
            }

            if (fieldType.IsLeaf)
            {
                if (field.SelectionSet is not null)
                {
                    context.Errors.Add(Error($"Selections can't be made on scalars (field '{name}' returns {fieldType.Type} but has selections)", "selectionMismatch", here));
                }

                continue;
            }

            if (field.SelectionSet is null)
            {
                context.Errors.Add(Error($"Field must have selections (field '{name}' returns {fieldType.Type} but has no selections)", "selectionMismatch", here));
                continue;
            }

            if (fieldType.Connection)
            {
                var first = IntArgument(field, "first", context);
                var last = IntArgument(field, "last", context);
                if (first is null && last is null && !context.Bulk)
                {
                    context.Errors.Add(Error($"you must provide one of first or last (field '{name}')", "argumentLiteralsIncompatible", here));
                    continue;
                }

                if ((first ?? last) > 250)
                {
                    context.Errors.Add(Error($"The '{(first is null ? "last" : "first")}' argument of '{name}' must be 250 or less", "argumentLiteralsIncompatible", here));
                    continue;
                }

                cost += 2 + ((first ?? last ?? 0) * (1 + Price(field.SelectionSet, fieldType.Type + "Connection", context, here)));
                continue;
            }

            cost += (type.EndsWith("Connection", StringComparison.Ordinal) || type.EndsWith("Edge", StringComparison.Ordinal) ? 0 : 1)
                + Price(field.SelectionSet, fieldType.Type, context, here);
        }

        return cost;
    }

    private JsonNode? Resolve(GraphQLSelectionSet? set, string type, Source source, Context context, ref int cost)
    {
        if (source.Graph is { } graph)
        {
            return ResolveGraph(set, type, graph, context, ref cost);
        }

        var result = new JsonObject();
        foreach (var field in Fields(set, context))
        {
            var name = field.Name.StringValue;
            var key = field.Alias?.Name.StringValue ?? name;
            if (name == "__typename")
            {
                result[key] = type;
                continue;
            }

            var fieldType = FieldOf(type, name)!;
            if (fieldType.Connection)
            {
                if (!context.Bulk)
                {
                    result[key] = Connection(field, fieldType.Type, source, context, ref cost);
                }
            }
            else if (fieldType.IsLeaf || fieldType.List && fieldType.Type == "String")
            {
                result[key] = Leaf(type, name, source);
            }
            else if (fieldType.Type == "SelectedOption")
            {
                result[key] = SelectedOptions(source, field, context);
            }
            else if (fieldType.Type == "BulkOperation")
            {
                cost += 1;
                result[key] = BulkOperationField(name, field, context);
            }
            else
            {
                var child = Child(type, name, field, source, context);
                if (child is not null)
                {
                    cost += 1;
                }

                result[key] = child is null ? null : Resolve(field.SelectionSet, fieldType.Type, child, context, ref cost);
            }
        }

        return result;
    }

    private Source? Child(string type, string field, GraphQLField node, Source source, Context context)
    {
        var shop = shopify.Shop;
        switch (type, field)
        {
            case ("QueryRoot", "shop"):
                return new Source(null, null, null);
            case ("QueryRoot", "order"):
                return OrderSource(node, context);
            case ("QueryRoot", "ordersCount"):
                return OrdersCount(node, context);
            case ("QueryRoot", "refund"):
                return RefundSource(node, context);
            case ("QueryRoot", "product"):
            {
                var id = GidNumber(StringArgument(node, "id", context));
                lock (shop.Gate)
                {
                    return id is not null && shop.Products.TryGetValue(id.Value, out var p) ? new Source(p, null, null) : null;
                }
            }

            case ("QueryRoot", "productVariant"):
            {
                var id = GidNumber(StringArgument(node, "id", context));
                lock (shop.Gate)
                {
                    return id is not null && shop.Variants.TryGetValue(id.Value, out var v) ? VariantSource(v) : null;
                }
            }

            case ("ProductVariant", "product"):
                return source.Product is null ? null : new Source(source.Product, null, null);
            case ("ProductVariant", "inventoryItem"):
                return source.Variant is null ? null : new Source(source.Product, source.Variant, ItemOf(source.Variant));
            case ("InventoryItem", "unitCost"):
                return StoreJson.String(source.Item?["cost"]) is null ? null : source;
            default:
                return source;
        }
    }

    private Source VariantSource(JsonObject variant)
    {
        var shop = shopify.Shop;
        lock (shop.Gate)
        {
            var product = StoreJson.Long(variant["product_id"]) is { } pid ? shop.Products.GetValueOrDefault(pid) : null;
            return new Source(product, variant, null);
        }
    }

    private JsonObject ItemOf(JsonObject variant)
    {
        var shop = shopify.Shop;
        var itemId = StoreJson.Long(variant["inventory_item_id"]);
        lock (shop.Gate)
        {
            if (itemId is not null && shop.InventoryItems.TryGetValue(itemId.Value, out var item))
            {
                return item;
            }
        }

        return new JsonObject
        {
            ["id"] = itemId ?? StoreJson.Long(variant["id"]),
            ["sku"] = variant["sku"]?.DeepClone(),
            ["tracked"] = StoreJson.String(variant["inventory_management"]) == "shopify",
            ["requires_shipping"] = variant["requires_shipping"]?.DeepClone(),
            ["cost"] = null,
        };
    }

    private JsonNode? Leaf(string type, string field, Source source)
    {
        var offset = shopify.Options.UtcOffset;
        string? Date(JsonNode? n) => StoreJson.Date(n, offset)?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        JsonNode? Copy(JsonNode? n) => n?.DeepClone();
        switch (type)
        {
            case "Shop":
                return field switch
                {
                    "id" => "gid://shopify/Shop/1",
                    "name" => shopify.Options.ShopDomain.Split('.')[0],
                    "myshopifyDomain" => shopify.Options.ShopDomain,
                    _ => shopify.Options.Currency,
                };
            case "Product":
            {
                var p = source.Product!;
                return field switch
                {
                    "id" => Gid(p, "Product"),
                    "legacyResourceId" => StoreJson.Long(p["id"])?.ToString(CultureInfo.InvariantCulture),
                    "title" => Copy(p["title"]),
                    "handle" => Copy(p["handle"]),
                    "status" => (StoreJson.String(p["status"]) ?? "active").ToUpperInvariant(),
                    "vendor" => Copy(p["vendor"]),
                    "productType" => Copy(p["product_type"]),
                    "createdAt" => Date(p["created_at"]),
                    "updatedAt" => Date(p["updated_at"]),
                    "tags" => new JsonArray([.. (StoreJson.String(p["tags"]) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => (JsonNode?)JsonValue.Create(t))]),
                    "hasOnlyDefaultVariant" => shopify.Shop.VariantsOf(StoreJson.Long(p["id"])).Count() == 1,
                    _ => shopify.Shop.VariantsOf(StoreJson.Long(p["id"])).Sum(v => StoreJson.Long(v["inventory_quantity"]) ?? 0),
                };
            }

            case "ProductVariant":
            {
                var v = source.Variant!;
                return field switch
                {
                    "id" => Gid(v, "ProductVariant"),
                    "legacyResourceId" => StoreJson.Long(v["id"])?.ToString(CultureInfo.InvariantCulture),
                    "title" => Copy(v["title"]),
                    "displayName" => $"{StoreJson.String(source.Product?["title"])} - {StoreJson.String(v["title"])}",
                    "sku" => StoreJson.String(v["sku"]) is { Length: > 0 } sku ? sku : null,
                    "barcode" => Copy(v["barcode"]),
                    "price" => Copy(v["price"]),
                    "compareAtPrice" => Copy(v["compare_at_price"]),
                    "taxable" => Copy(v["taxable"]),
                    "inventoryQuantity" => Copy(v["inventory_quantity"]),
                    "position" => Copy(v["position"]),
                    "createdAt" => Date(v["created_at"]),
                    _ => Date(v["updated_at"]),
                };
            }

            case "InventoryItem":
            {
                var i = source.Item!;
                return field switch
                {
                    "id" => Gid(i, "InventoryItem"),
                    "legacyResourceId" => StoreJson.Long(i["id"])?.ToString(CultureInfo.InvariantCulture),
                    "sku" => Copy(i["sku"]),
                    "tracked" => Copy(i["tracked"]),
                    _ => Copy(i["requires_shipping"]),
                };
            }

            case "MoneyV2":
                return field == "amount" ? StoreJson.String(source.Item?["cost"]) : shopify.Options.Currency;
            default:
                return null;
        }
    }

    private static string Gid(JsonObject item, string type) =>
        StoreJson.String(item["admin_graphql_api_id"]) ?? ShopifyIds.Gid(type, StoreJson.Long(item["id"]) ?? 0);

    private JsonArray SelectedOptions(Source source, GraphQLField field, Context context)
    {
        var result = new JsonArray();
        var options = source.Product?["options"] as JsonArray ?? [];
        for (var n = 1; n <= 3; n++)
        {
            if (StoreJson.String(source.Variant?[$"option{n}"]) is not { } value)
            {
                continue;
            }

            var name = StoreJson.String((options.ElementAtOrDefault(n - 1) as JsonObject)?["name"]) ?? $"Option{n}";
            var entry = new JsonObject();
            foreach (var f in Fields(field.SelectionSet, context))
            {
                var key = f.Alias?.Name.StringValue ?? f.Name.StringValue;
                entry[key] = f.Name.StringValue switch { "name" => name, "value" => value, _ => "SelectedOption" };
            }

            result.Add(entry);
        }

        return result;
    }

    /// <summary>Every node of a connection, filtered by its <c>query</c> and in its sort order (<paramref name="key"/> makes cursors).</summary>
    private List<Source> ConnectionItems(GraphQLField field, string nodeType, Source parent, Context context, out Func<Source, (long, long)> key)
    {
        var shop = shopify.Shop;
        var search = SearchQuery.Parse(StringArgument(field, "query", context));
        var offset = shopify.Options.UtcOffset;
        List<Source> all;
        lock (shop.Gate)
        {
            all = nodeType == "Product"
                ? [.. shop.Products.Values.Where(p => search.Matches(p, null, offset)).Select(p => new Source(p, null, null))]
                : [.. (parent.Product is { } product ? shop.VariantsOf(StoreJson.Long(product["id"])) : shop.Variants.Values)
                    .Select(VariantSource).Where(s => search.Matches(s.Variant!, s.Product, offset))];
        }

        var sortKey = EnumArgument(field, "sortKey", context) ?? (parent.Product is not null ? "POSITION" : "ID");
        Func<Source, (long, long)> sort = sortKey switch
        {
            "UPDATED_AT" => s => (StoreJson.Date((s.Variant ?? s.Product)!["updated_at"], offset)?.UtcTicks ?? 0, Id(s)),
            "CREATED_AT" => s => (StoreJson.Date((s.Variant ?? s.Product)!["created_at"], offset)?.UtcTicks ?? 0, Id(s)),
            "POSITION" => s => (StoreJson.Long(s.Variant?["position"]) ?? 0, Id(s)),
            _ => s => (Id(s), Id(s)),
        };
        all.Sort((a, b) => sort(a).CompareTo(sort(b)));
        if (BoolArgument(field, "reverse", context) == true)
        {
            all.Reverse();
        }

        key = sort;
        return all;
    }

    private JsonObject? Connection(GraphQLField field, string nodeType, Source parent, Context context, ref int cost)
    {
        if (nodeType == "Order")
        {
            return OrdersConnection(field, context, ref cost);
        }

        var all = ConnectionItems(field, nodeType, parent, context, out var key);
        return Page(field, nodeType, all, key, (Source s, GraphQLSelectionSet? set, ref int c) => Resolve(set, nodeType, s, context, ref c), context, ref cost);
    }

    private static long Id(Source s) => StoreJson.Long((s.Variant ?? s.Product)!["id"]) ?? 0;

    private static long? GidNumber(string? gid) =>
        gid is not null && long.TryParse(gid[(gid.LastIndexOf('/') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static GraphQLValue? Argument(GraphQLField field, string name) =>
        field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name)?.Value;

    private static JsonNode? Literal(GraphQLValue value, Context context) => value switch
    {
        GraphQLVariable variable => context.Variables[variable.Name.StringValue]?.DeepClone(),
        GraphQLIntValue i when int.TryParse(i.Value.Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create((long)n),
        GraphQLIntValue i => Invalid(context, $"Argument value {i.Value} is not a valid Int: Int is a 32-bit signed integer."),
        GraphQLStringValue s => JsonValue.Create(s.Value.ToString()),
        GraphQLBooleanValue b => JsonValue.Create(b.BoolValue),
        GraphQLEnumValue e => JsonValue.Create(e.Name.StringValue),
        _ => null,
    };

    private static JsonNode? Invalid(Context context, string message)
    {
        context.Errors.Add(Error(message, "argumentLiteralsIncompatible"));
        return null;
    }

    private static int? IntArgument(GraphQLField field, string name, Context context) =>
        Argument(field, name) is { } v ? (int?)StoreJson.Long(Literal(v, context)) : null;

    private static string? StringArgument(GraphQLField field, string name, Context context) =>
        Argument(field, name) is { } v ? StoreJson.String(Literal(v, context)) : null;

    private static string? EnumArgument(GraphQLField field, string name, Context context) => StringArgument(field, name, context);

    private static bool? BoolArgument(GraphQLField field, string name, Context context) =>
        Argument(field, name) is { } v ? StoreJson.Bool(Literal(v, context)) : null;
}
