using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using StoreBooks.QuickBooks.Entities;

namespace StoreBooks.Sync.Preview;

/// <summary>One write a preview kept instead of sending: the entity (SalesReceipt, Customer …), the operation, the body, and the Id it was answered with.</summary>
public sealed record PreviewWrite(string Entity, string Operation, JsonObject Body, string Id);

/// <summary>
/// The bottom of a preview's QuickBooks client: reads (GET, queries) go to QuickBooks; every write (create, update, void,
/// delete, and each operation of a batch) is kept and answered as QuickBooks answers a success, the entity back with an Id
/// (<c>preview-N</c> for a new one) and a SyncToken, so the sync goes on as it would and nothing reaches the company.
/// </summary>
internal sealed class PreviewWrites(HttpMessageHandler network) : DelegatingHandler(network)
{
    private readonly ConcurrentQueue<PreviewWrite> _writes = new();
    private int _next;

    /// <summary>The writes kept, in the order the sync made them.</summary>
    public IReadOnlyList<PreviewWrite> Writes => [.. _writes];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        var entity = QboEntityNames.FromPath(path);
        var batch = path.EndsWith("/batch", StringComparison.OrdinalIgnoreCase);
        if (request.Method != HttpMethod.Post || (entity is null && !batch))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonObject;
        var answer = new JsonObject { ["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) };
        if (batch)
        {
            var responses = new JsonArray();
            foreach (var item in (body?["BatchItemRequest"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var response = new JsonObject { ["bId"] = item["bId"]?.DeepClone() };
                var name = item.Select(p => p.Key).FirstOrDefault(k => k is not ("bId" or "operation" or "optionsData"));
                if (name is not null && item[name] is JsonObject sent)
                {
                    response[name] = Keep(name, (string?)item["operation"] ?? "create", sent);
                }

                responses.Add(response);
            }

            answer["BatchItemResponse"] = responses;
        }
        else
        {
            var operation = HttpUtility.ParseQueryString(request.RequestUri!.Query)["operation"] ?? (body?["Id"] is null ? "create" : "update");
            answer[entity!] = Keep(entity!, operation, body ?? []);
        }

        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>Keeps the write and returns the entity as QuickBooks would: an Id, a SyncToken, and a document's total.</summary>
    private JsonObject Keep(string entity, string operation, JsonObject sent)
    {
        var kept = (JsonObject)sent.DeepClone();
        if (kept["Id"] is null)
        {
            kept["Id"] = "preview-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
            kept["SyncToken"] = "0";
        }
        else if (int.TryParse((string?)kept["SyncToken"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var token))
        {
            kept["SyncToken"] = (token + 1).ToString(CultureInfo.InvariantCulture);
        }

        if (kept["Line"] is JsonArray && kept["TotalAmt"] is null)
        {
            kept["TotalAmt"] = PreviewDocument.TotalOf(kept);
        }

        _writes.Enqueue(new PreviewWrite(entity, operation, (JsonObject)sent.DeepClone(), (string)kept["Id"]!));

        return kept;
    }
}
