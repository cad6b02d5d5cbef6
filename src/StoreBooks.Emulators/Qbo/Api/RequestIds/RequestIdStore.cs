using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Qbo.Api.RequestIds;

/// <summary>The response a write with a <c>requestid</c> got, kept so a retry gets it again.</summary>
internal sealed record StoredResponse(int Status, string Body, string RequestHash);

/// <summary>
/// One realm's remembered requestids (bounded: the oldest are forgotten first). QBO: "If the service receives another
/// request with the same RequestID, instead of performing the operation again or returning an error, the service sends
/// the same response as it did for the original request." Faults are replayed too.
/// Not thread-safe: callers hold the company's lock.
/// </summary>
internal sealed class RequestIdStore(int capacity)
{
    private readonly Dictionary<string, StoredResponse> _responses = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _responses.Count;

    public StoredResponse? Find(string requestId) => _responses.GetValueOrDefault(requestId);

    public void Remember(string requestId, StoredResponse response)
    {
        if (_responses.ContainsKey(requestId))
        {
            return;
        }

        _responses[requestId] = response;
        _order.Enqueue(requestId);
        while (_responses.Count > Math.Max(1, capacity))
        {
            _responses.Remove(_order.Dequeue());
        }
    }

    /// <summary>Hash of method, path and body: what makes "the same request".</summary>
    public static string Hash(string method, string path, string body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(method + " " + path + "\n" + body)));

    public JsonArray Export()
    {
        var list = new JsonArray();
        foreach (var id in _order)
        {
            var r = _responses[id];
            list.Add(new JsonObject { ["requestId"] = id, ["status"] = r.Status, ["body"] = r.Body, ["hash"] = r.RequestHash });
        }

        return list;
    }

    public void Import(JsonArray? list)
    {
        foreach (var item in list?.OfType<JsonObject>() ?? [])
        {
            var id = item["requestId"]?.GetValue<string>();
            if (id is not null)
            {
                Remember(id, new StoredResponse(item["status"]!.GetValue<int>(), item["body"]!.GetValue<string>(), item["hash"]!.GetValue<string>()));
            }
        }
    }
}
