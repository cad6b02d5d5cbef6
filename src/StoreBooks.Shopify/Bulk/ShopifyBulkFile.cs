using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Shopify.Http;

namespace StoreBooks.Shopify.Bulk;

/// <summary>
/// Reads a bulk export's JSONL forward, one line at a time, and yields each root object with its nested nodes under it.
/// A nested node names its parent in <c>__parentId</c> and comes after it, though not necessarily right after (per
/// Shopify's guide). So the last <c>holdBack</c> roots are kept open and the oldest is yielded as each new one arrives.
/// Memory holds those roots and their children, whatever the file's size. A node whose parent has already gone is an
/// error, never a silent loss.
/// </summary>
internal static class ShopifyBulkFile
{
    private const string ParentKey = "__parentId";

    public static async IAsyncEnumerable<ShopifyBulkNode> ReadAsync(Stream jsonl, int holdBack, string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(holdBack);
        using var reader = new StreamReader(jsonl, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var open = new Queue<(ShopifyBulkNode Root, List<string> Ids)>();
        var byId = new Dictionary<string, (ShopifyBulkNode Node, List<string> RootIds)>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            JsonObject value;
            try
            {
                value = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("the line is not a JSON object");
            }
            catch (JsonException e)
            {
                throw new ShopifyApiException($"Line {lineNumber} of {source} is not a JSON object ({e.Message}); the sync stops here and the next run starts the export again.", null, e);
            }

            var parentId = (value[ParentKey] as JsonValue)?.TryGetValue<string>(out var p) == true ? p : null;
            value.Remove(ParentKey);
            var node = new ShopifyBulkNode(value);
            if (parentId is null)
            {
                var ids = new List<string>();
                open.Enqueue((node, ids));
                Index(byId, node, ids);
                if (open.Count > holdBack)
                {
                    yield return Close(open, byId);
                }

                continue;
            }

            if (!byId.TryGetValue(parentId, out var parent))
            {
                throw new ShopifyApiException(
                    $"Line {lineNumber} of {source} is a {node.Type} of {parentId}, which is not among the objects still open (the last {holdBack} roots and their nodes) " +
                    "(it came too late, or its parent has no id in the query); the sync stops here so that nothing is posted without it.");
            }

            parent.Node.Add(node);
            Index(byId, node, parent.RootIds);
        }

        while (open.Count > 0)
        {
            yield return Close(open, byId);
        }
    }

    private static void Index(Dictionary<string, (ShopifyBulkNode, List<string>)> byId, ShopifyBulkNode node, List<string> rootIds)
    {
        if (node.Id is { } id)
        {
            byId[id] = (node, rootIds);
            rootIds.Add(id);
        }
    }

    private static ShopifyBulkNode Close(Queue<(ShopifyBulkNode Root, List<string> Ids)> open, Dictionary<string, (ShopifyBulkNode, List<string>)> byId)
    {
        var (root, ids) = open.Dequeue();
        foreach (var id in ids)
        {
            byId.Remove(id);
        }

        return root;
    }
}
