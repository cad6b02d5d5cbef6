using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Http;

/// <summary>One request to a realm: the HTTP context, the realm, and the path segments after <c>/v3/company/{realmId}/</c>.</summary>
internal sealed class ApiCall(HttpContext http, QboEmulator qbo, QboCompany company, string[] segments)
{
    public HttpContext Http { get; } = http;

    public QboEmulator Qbo { get; } = qbo;

    public QboCompany Company { get; } = company;

    public string[] Segments { get; } = segments;

    public string Method => Http.Request.Method;

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    public string Time => QboTime.Envelope(Company.Now);

    /// <summary><c>{"&lt;name&gt;":…,"time":…}</c>.</summary>
    public JsonObject Envelope(string name, JsonNode content) => new() { [name] = content, ["time"] = Time };
}
