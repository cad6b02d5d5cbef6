using System.Text.Json.Nodes;
using StoreBooks.Testing;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Support;

/// <summary>
/// One exchange from <c>../shared/fixtures/qbo</c>: the request (method, path relative to the realm, body) and QBO's answer.
/// Recorded URIs lost their realm (<c>-COMPANY_ID-</c>, sometimes the whole <c>/company/…</c> part); the path is made
/// relative to <c>/v3/company/{realmId}/</c> again. Exchanges without a request (documentation examples) only have a response.
/// </summary>
public sealed record Recorded(string Method, string Relative, JsonObject? RequestBody, int Status, JsonObject Response)
{
    public static Recorded Load(string fixture)
    {
        var json = JsonNode.Parse(File.ReadAllText(SharedFixtures.Path("qbo/" + fixture)))!.AsObject();
        if (json["response"] is null)
        {
            // faults/fault-6240-duplicate-taxrate-name.json is the response body alone.
            return new Recorded("", "", null, 400, json);
        }

        var request = json["request"] as JsonObject;
        var response = json["response"]!.AsObject();
        var raw = request?["uri"]?.GetValue<string>() ?? request?["path"]?.GetValue<string>() ?? "";
        return new Recorded(
            request?["method"]?.GetValue<string>() ?? "",
            RelativePath(raw),
            request?["body"] as JsonObject,
            response["status"]!.GetValue<int>(),
            response["body"]!.AsObject());
    }

    /// <summary>The response's entity (e.g. <c>Invoice</c>) without system fields: a create body that reproduces it.</summary>
    public JsonObject ResponseEntity(string name) => Response[name]!.AsObject();

    private static string RelativePath(string raw)
    {
        var path = raw;
        if (path.StartsWith("http", StringComparison.Ordinal))
        {
            var schemeEnd = path.IndexOf("://", StringComparison.Ordinal) + 3;
            path = path[path.IndexOf('/', schemeEnd)..];
        }

        foreach (var prefix in new[] { "/v3/company/-COMPANY_ID-/", "/v3/company/<realmID>/", "/v3/" })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                path = path[prefix.Length..];
                break;
            }
        }

        var q = path.IndexOf('?', StringComparison.Ordinal);
        if (q < 0 || !path.Contains(' ', StringComparison.Ordinal))
        {
            return path;
        }

        // Documentation examples show queries unencoded.
        var parameters = path[(q + 1)..].Split('&').Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? p : p[..eq] + "=" + Uri.EscapeDataString(p[(eq + 1)..]);
        });
        return path[..q] + "?" + string.Join("&", parameters);
    }
}
