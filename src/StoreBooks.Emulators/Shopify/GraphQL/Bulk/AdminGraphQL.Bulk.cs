using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>
/// Bulk queries: <c>bulkOperationRunQuery</c> checks the inner query against the schema and Shopify's bulk rules, then a
/// background writer runs it over every node of its connections (no cost, no page size) into a JSONL file, one object a
/// line, nested connections' nodes on their own lines after their parent with <c>__parentId</c>. Also
/// <c>bulkOperationCancel</c> and the <c>BulkOperation</c> fields that polls read.
/// </summary>
internal sealed partial class AdminGraphQL
{
    /// <summary>Every mutation costs 10 points (Shopify's rate-limit guide; a bulkOperationRunQuery answer shows requestedQueryCost 10).</summary>
    private const int MutationCost = 10;

    private const int MaxBulkConnections = 5;

    private const int MaxBulkConnectionDepth = 2;

    /// <summary>From this API version an app may run five bulk queries at once per shop; before it, one.</summary>
    private const string FiveAtOnceFrom = "2026-01";

    private sealed record BulkError(string? Field, string Message, string Code);

    private ShopifyEmulator Emulator => shopify;

    private Outcome ExecuteMutation(GraphQLDocument document, GraphQLOperationDefinition operation, JsonObject? variables, BulkRequest request)
    {
        var context = new Context(document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue), variables ?? [], [], Request: request);
        foreach (var definition in operation.Variables?.Items ?? [])
        {
            var name = definition.Variable.Name.StringValue;
            if (!context.Variables.ContainsKey(name) && definition.DefaultValue is { } value)
            {
                context.Variables[name] = Literal(value, context);
            }
        }

        Price(operation.SelectionSet, "Mutation", context, ["mutation"]);
        var fields = Fields(operation.SelectionSet, context).Where(f => f.Name.StringValue != "__typename").ToList();
        foreach (var field in fields)
        {
            var required = field.Name.StringValue == "bulkOperationRunQuery" ? "query" : "id";
            if (Argument(field, required) is null)
            {
                context.Errors.Add(Error($"Field '{field.Name.StringValue}' is missing required arguments: {required}", "missingRequiredArguments", ["mutation", field.Name.StringValue]));
            }
        }

        if (context.Errors.Count > 0)
        {
            return new Outcome(new JsonObject { ["errors"] = new JsonArray([.. context.Errors]) }, 0, null);
        }

        var requested = MutationCost * fields.Count;
        if (!Emulator.QueryCost.TryTake(requested))
        {
            var throttled = Error("Throttled", "THROTTLED");
            throttled["extensions"]!["documentation"] = "https://shopify.dev/api/usage/rate-limits";
            return new Outcome(new JsonObject { ["errors"] = new JsonArray(throttled), ["extensions"] = new JsonObject { ["cost"] = Emulator.QueryCost.Cost(requested, null) } }, requested, null);
        }

        var data = new JsonObject();
        foreach (var field in Fields(operation.SelectionSet, context))
        {
            var key = field.Alias?.Name.StringValue ?? field.Name.StringValue;
            switch (field.Name.StringValue)
            {
                case "__typename":
                    data[key] = "Mutation";
                    break;
                case "bulkOperationRunQuery":
                {
                    var started = RunBulkQuery(StringArgument(field, "query", context) ?? "", request, out var errors);
                    data[key] = Payload(field.SelectionSet, "BulkOperationRunQueryPayload", started, errors, request, context);
                    break;
                }

                default:
                {
                    var (operationFound, errors) = CancelBulkOperation(StringArgument(field, "id", context));
                    data[key] = Payload(field.SelectionSet, "BulkOperationCancelPayload", operationFound, errors, request, context);
                    break;
                }
            }
        }

        return new Outcome(new JsonObject { ["data"] = data, ["extensions"] = new JsonObject { ["cost"] = Emulator.QueryCost.Cost(requested, requested) } }, requested, requested);
    }

    private BulkOperation? RunBulkQuery(string query, BulkRequest request, out List<BulkError> errors)
    {
        errors = CheckBulkQuery(query);
        if (errors.Count > 0)
        {
            return null;
        }

        var limit = string.CompareOrdinal(request.ApiVersion, FiveAtOnceFrom) >= 0 ? 5 : 1;
        var started = Emulator.Bulk.TryStart(query, limit, (operation, stream, token) => WriteBulkFile(operation, stream, token), out var running);
        if (started is null)
        {
            errors.Add(new BulkError(null, $"A bulk query operation for this app and shop is already in progress: {running}.", "OPERATION_IN_PROGRESS"));
        }

        return started;
    }

    private (BulkOperation? Operation, List<BulkError> Errors) CancelBulkOperation(string? id)
    {
        var operation = GidNumber(id) is { } number && id!.StartsWith("gid://shopify/BulkOperation/", StringComparison.Ordinal) ? Emulator.Bulk.Find(number) : null;
        if (operation is null)
        {
            return (null, [new BulkError("id", "Bulk operation does not exist", "INVALID")]);
        }

        if (!Emulator.Bulk.Cancel(operation))
        {
            var status = operation.Observe(Emulator.Time.GetUtcNow(), Emulator.Options).Status.ToLowerInvariant();
            return (operation, [new BulkError(null, $"A bulk operation cannot be canceled when it is {status}", "INVALID")]);
        }

        return (operation, []);
    }

    private JsonObject Payload(GraphQLSelectionSet? set, string type, BulkOperation? operation, List<BulkError> errors, BulkRequest request, Context context)
    {
        var payload = new JsonObject();
        foreach (var field in Fields(set, context))
        {
            var key = field.Alias?.Name.StringValue ?? field.Name.StringValue;
            payload[key] = field.Name.StringValue switch
            {
                "__typename" => type,
                "bulkOperation" => operation is null ? null : BulkOperationJson(field.SelectionSet, operation, request.Origin, context),
                _ => new JsonArray([.. errors.Select(e => (JsonNode)UserError(field.SelectionSet, e, type == "BulkOperationRunQueryPayload", context))]),
            };
        }

        return payload;
    }

    private static JsonObject UserError(GraphQLSelectionSet? set, BulkError error, bool coded, Context context)
    {
        var result = new JsonObject();
        foreach (var field in Fields(set, context))
        {
            var key = field.Alias?.Name.StringValue ?? field.Name.StringValue;
            result[key] = field.Name.StringValue switch
            {
                "field" => error.Field is null ? null : new JsonArray(error.Field),
                "message" => error.Message,
                "code" => coded ? error.Code : null,
                _ => coded ? "BulkOperationUserError" : "UserError",
            };
        }

        return result;
    }

    /// <summary><c>currentBulkOperation(type:)</c>, <c>bulkOperation(id:)</c> or <c>node(id:)</c> in a query.</summary>
    private JsonNode? BulkOperationField(string name, GraphQLField field, Context context)
    {
        BulkOperation? operation;
        if (name == "currentBulkOperation")
        {
            // Bulk mutations are not emulated: there is never a current one.
            operation = (EnumArgument(field, "type", context) ?? "QUERY") == "QUERY" ? Emulator.Bulk.Current() : null;
        }
        else
        {
            var id = StringArgument(field, "id", context);
            operation = id is not null && id.StartsWith("gid://shopify/BulkOperation/", StringComparison.Ordinal) && GidNumber(id) is { } number ? Emulator.Bulk.Find(number) : null;
        }

        return operation is null || context.Request is not { } request ? null : BulkOperationJson(field.SelectionSet, operation, request.Origin, context);
    }

    private JsonObject BulkOperationJson(GraphQLSelectionSet? set, BulkOperation operation, Uri origin, Context context)
    {
        var state = operation.Observe(Emulator.Time.GetUtcNow(), Emulator.Options);
        static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
        var result = new JsonObject();
        foreach (var field in Fields(set, context))
        {
            var key = field.Alias?.Name.StringValue ?? field.Name.StringValue;
            result[key] = field.Name.StringValue switch
            {
                "id" => operation.Id,
                "status" => state.Status,
                "type" => "QUERY",
                "errorCode" => state.ErrorCode,
                "objectCount" => Count(state.Objects),
                "rootObjectCount" => Count(state.Roots),
                "fileSize" => state.FileSize is { } size ? Count(size) : null,
                "url" => state.HasUrl ? BulkFileEndpoint.Url(origin, operation).ToString() : null,
                "partialDataUrl" => state.Partial ? BulkFileEndpoint.Url(origin, operation).ToString() : null,
                "createdAt" => Time(operation.CreatedAt),
                "completedAt" => state.CompletedAt is { } at ? Time(at) : null,
                "query" => operation.Query,
                _ => "BulkOperation",
            };
        }

        return result;
    }

    /// <summary>Parses a bulk query and checks it: against the schema (connections need no first/last here) and against Shopify's bulk rules.</summary>
    private List<BulkError> CheckBulkQuery(string query)
    {
        static List<BulkError> Invalid(string message) => [new BulkError("query", message, "INVALID")];
        if (!TryParseBulk(query, out var operation, out var context, out var problem))
        {
            return Invalid(problem!);
        }

        var roots = Fields(operation!.SelectionSet, context!).Where(f => f.Name.StringValue != "__typename").ToList();
        if (roots.Any(f => f.Name.StringValue is "node" or "nodes"))
        {
            return Invalid("Bulk queries cannot use the top-level node and nodes fields.");
        }

        if (roots.Count != 1)
        {
            return Invalid($"Bulk queries must select exactly one top-level field (this one selects {roots.Count}).");
        }

        Price(operation.SelectionSet, "QueryRoot", context!, ["query"]);
        if (context!.Errors.Count > 0)
        {
            return Invalid("Invalid bulk query: " + string.Join("; ", context.Errors.Select(e => (string?)e["message"])));
        }

        var root = roots[0];
        var rootType = FieldOf("QueryRoot", root.Name.StringValue)!;
        if (!rootType.Connection)
        {
            return Invalid("Bulk queries must contain at least one connection.");
        }

        if (rootType.Type == "Order" && EnumArgument(root, "sortKey", context) is { } sortKey && !OrderSortKeys.Contains(sortKey))
        {
            return Invalid($"Invalid bulk query: argument 'sortKey' on field 'orders' has an invalid value ({sortKey}). Expected type 'OrderSortKeys'.");
        }

        var connections = 0;
        var deepest = 0;
        string? shapeProblem = null;
        CountConnections(root, rootType.Type, 1, context, ref connections, ref deepest, ref shapeProblem);
        if (shapeProblem is not null)
        {
            return Invalid(shapeProblem);
        }

        if (connections > MaxBulkConnections)
        {
            return Invalid($"Bulk queries cannot contain more than {MaxBulkConnections} connections (this one has {connections}).");
        }

        return deepest > MaxBulkConnectionDepth
            ? Invalid($"Bulk queries cannot nest connections more than {MaxBulkConnectionDepth} levels deep (this one nests {deepest}).")
            : [];
    }

    private static bool TryParseBulk(string query, out GraphQLOperationDefinition? operation, out Context? context, out string? problem)
    {
        operation = null;
        context = null;
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query, new ParserOptions { MaxDepth = 1000 });
        }
        catch (GraphQLSyntaxErrorException e)
        {
            problem = $"Invalid bulk query: {e.Description} (line {e.Location.Line}, column {e.Location.Column}).";
            return false;
        }
        catch (GraphQLMaxDepthExceededException)
        {
            problem = "Invalid bulk query: it is nested too deeply to parse.";
            return false;
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operations.Count != 1)
        {
            problem = $"Bulk queries must contain exactly one operation (this document has {operations.Count}).";
            return false;
        }

        if (operations[0].Operation != OperationType.Query)
        {
            problem = $"Bulk queries must be queries: a {operations[0].Operation.ToString().ToLowerInvariant()} cannot run as a bulk query.";
            return false;
        }

        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().GroupBy(f => f.FragmentName.Name.StringValue).ToDictionary(g => g.Key, g => g.First());
        if (fragments.Keys.FirstOrDefault(name => Loops(name, fragments, [])) is { } looping)
        {
            problem = $"Invalid bulk query: fragment {looping} contains an infinite loop.";
            return false;
        }

        operation = operations[0];
        context = new Context(fragments, [], [], Bulk: true);
        problem = null;
        return true;
    }

    /// <summary>The selection of one node of a connection field: <c>edges { node { … } }</c> or <c>nodes { … }</c>.</summary>
    private static GraphQLSelectionSet? NodeSelection(GraphQLField connection, Context context)
    {
        foreach (var field in Fields(connection.SelectionSet, context))
        {
            if (field.Name.StringValue == "nodes")
            {
                return field.SelectionSet;
            }

            if (field.Name.StringValue == "edges" && Fields(field.SelectionSet, context).FirstOrDefault(f => f.Name.StringValue == "node") is { } node)
            {
                return node.SelectionSet;
            }
        }

        return null;
    }

    /// <summary>Counts the connections under a connection at nesting <paramref name="level"/>, through plain objects too.</summary>
    private static void CountConnections(GraphQLField connection, string nodeType, int level, Context context, ref int count, ref int deepest, ref string? problem)
    {
        count++;
        deepest = Math.Max(deepest, level);
        var node = NodeSelection(connection, context);
        if (node is null)
        {
            problem ??= $"The connection '{connection.Name.StringValue}' must select edges {{ node {{ … }} }} or nodes {{ … }}.";
            return;
        }

        CountInside(node, nodeType, level, context, ref count, ref deepest, ref problem);
    }

    private static void CountInside(GraphQLSelectionSet set, string type, int level, Context context, ref int count, ref int deepest, ref string? problem)
    {
        foreach (var field in Fields(set, context))
        {
            var fieldType = FieldOf(type, field.Name.StringValue);
            if (fieldType is null || fieldType.IsLeaf || field.SelectionSet is null)
            {
                continue;
            }

            if (fieldType.Connection)
            {
                CountConnections(field, fieldType.Type, level + 1, context, ref count, ref deepest, ref problem);
            }
            else if (fieldType.List && HasConnection(field.SelectionSet, fieldType.Type, context))
            {
                problem ??= $"Bulk queries cannot select a connection inside the list '{field.Name.StringValue}': select it from a node of a connection instead.";
            }
            else
            {
                CountInside(field.SelectionSet, fieldType.Type, level, context, ref count, ref deepest, ref problem);
            }
        }
    }

    /// <summary>Whether a selection of <paramref name="type"/> reaches a connection (directly or through its objects and lists).</summary>
    private static bool HasConnection(GraphQLSelectionSet? set, string type, Context context) =>
        Fields(set, context).Any(field => FieldOf(type, field.Name.StringValue) is { IsLeaf: false } fieldType
            && (fieldType.Connection || HasConnection(field.SelectionSet, fieldType.Type, context)));

    /// <summary>The background writer: every node of the root connection, then each node's nested connections' nodes after it.</summary>
    private void WriteBulkFile(BulkOperation operation, Stream output, CancellationToken cancellationToken)
    {
        if (!TryParseBulk(operation.Query, out var parsed, out var context, out _))
        {
            throw new InvalidOperationException("A bulk query that was checked no longer parses.");
        }

        var root = Fields(parsed!.SelectionSet, context!).Single(f => f.Name.StringValue != "__typename");
        var rootType = FieldOf("QueryRoot", root.Name.StringValue)!.Type;
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var selection = NodeSelection(root, context!);
        foreach (var source in RootItems(root, rootType, context!))
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteNode(writer, selection, rootType, source, null, operation, context!, cancellationToken);
        }

        writer.Flush();
    }

    /// <summary>The root connection's nodes: orders from their rows (each order's graph built as it is written), else products or variants.</summary>
    private IEnumerable<Source> RootItems(GraphQLField root, string rootType, Context context)
    {
        if (rootType != "Order")
        {
            return ConnectionItems(root, rootType, new Source(null, null, null), context, out _);
        }

        var rows = OrderRows(root, context, out _) ?? throw new InvalidOperationException(string.Join("; ", context.Errors.Select(e => (string?)e["message"])));
        return rows.Select(row => new Source(null, null, null, OrderNode(row)));
    }

    /// <summary>The nodes of a nested connection: a prepared graph's list (an order's line items), else variants of a product.</summary>
    private List<Source> NestedItems(GraphQLField field, string nodeType, Source parent, Context context) =>
        parent.Graph is { } graph
            ? [.. (graph[field.Name.StringValue] as JsonArray ?? []).OfType<JsonObject>().Select(node => new Source(null, null, null, node))]
            : ConnectionItems(field, nodeType, parent, context, out _);

    private void WriteNode(StreamWriter writer, GraphQLSelectionSet? selection, string type, Source source, string? parentId, BulkOperation operation, Context context, CancellationToken cancellationToken)
    {
        var cost = 0;
        var line = (JsonObject)Resolve(selection, type, source, context, ref cost)!;
        if (parentId is not null)
        {
            line["__parentId"] = parentId;
        }

        writer.WriteLine(line.ToJsonString());
        operation.Counted(parentId is null);
        var id = source.Graph is { } graph ? (string?)graph["id"] : Leaf(type, "id", source)?.GetValue<string>();
        WriteChildren(writer, selection, type, source, id, operation, context, cancellationToken);
    }

    /// <summary>The nodes of the connections in a node's selection (directly, or inside its plain objects), each with the node's id as <c>__parentId</c>.</summary>
    private void WriteChildren(StreamWriter writer, GraphQLSelectionSet? selection, string type, Source source, string? parentId, BulkOperation operation, Context context, CancellationToken cancellationToken)
    {
        foreach (var field in Fields(selection, context))
        {
            var name = field.Name.StringValue;
            var fieldType = name == "__typename" ? null : FieldOf(type, name);
            if (fieldType is null || fieldType.IsLeaf || field.SelectionSet is null || (fieldType.List && !fieldType.Connection))
            {
                continue;
            }

            if (fieldType.Connection)
            {
                var nodeSelection = NodeSelection(field, context);
                foreach (var child in NestedItems(field, fieldType.Type, source, context))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    WriteNode(writer, nodeSelection, fieldType.Type, child, parentId, operation, context, cancellationToken);
                }
            }
            else if (source.Graph is { } graph)
            {
                if (graph[name] is JsonObject inner)
                {
                    WriteChildren(writer, field.SelectionSet, fieldType.Type, new Source(null, null, null, inner), parentId, operation, context, cancellationToken);
                }
            }
            else if (Child(type, name, field, source, context) is { } inner)
            {
                WriteChildren(writer, field.SelectionSet, fieldType.Type, inner, parentId, operation, context, cancellationToken);
            }
        }
    }
}
