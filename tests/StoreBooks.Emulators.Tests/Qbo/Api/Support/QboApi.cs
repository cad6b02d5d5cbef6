using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Support;

/// <summary>A QBO answer: status and JSON body.</summary>
public sealed record QboAnswer(HttpStatusCode Status, JsonObject Body)
{
    public JsonObject Entity(string name) => Body[name]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"No {name} in {Body.ToJsonString()}");

    public JsonObject Error => Body["Fault"]!["Error"]![0]!.AsObject();

    public string? Code => Body["Fault"]?["Error"]?[0]?["code"]?.GetValue<string>();

    /// <summary>Asserts QBO's fault code and Message, and returns the error.</summary>
    public JsonObject AssertFault(HttpStatusCode status, string code, string message)
    {
        Assert.True(Body["Fault"] is not null, "Expected a fault, got " + Body.ToJsonString());
        Assert.Equal(status, Status);
        Assert.Equal(code, Code);
        Assert.Equal(message, Error["Message"]!.GetValue<string>());
        Assert.Equal("ValidationFault", Body["Fault"]!["type"]!.GetValue<string>());
        return Error;
    }

    public JsonObject AssertOk(string entity)
    {
        Assert.True(Status == HttpStatusCode.OK, $"Expected 200, got {(int)Status}: {Body.ToJsonString()}");
        return Entity(entity);
    }
}

/// <summary>Raw HTTP calls to one realm of the emulator (tests of the emulator itself use no StoreBooks client).</summary>
public sealed class QboApi(HttpClient http, string realmId) : IDisposable
{
    public string RealmId { get; } = realmId;

    public HttpClient Http { get; } = http;

    private string Base => $"v3/company/{RealmId}/";

    public Task<QboAnswer> Post(string relative, JsonNode body) => Send(HttpMethod.Post, relative, body.ToJsonString(), "application/json");

    public Task<QboAnswer> PostText(string relative, string body, string contentType = "application/json") =>
        Send(HttpMethod.Post, relative, body, contentType);

    public Task<QboAnswer> Get(string relative) => Send(HttpMethod.Get, relative, null, null);

    public Task<QboAnswer> Query(string query) => Get("query?query=" + Uri.EscapeDataString(query));

    public async Task<JsonObject> Create(string entity, JsonNode body)
    {
        var answer = await Post(entity.ToLowerInvariant(), body);
        return answer.AssertOk(entity);
    }

    public async Task<JsonObject> Read(string entity, string id)
    {
        var answer = await Get($"{entity.ToLowerInvariant()}/{id}");
        return answer.AssertOk(entity);
    }

    public async Task<QboAnswer> Send(HttpMethod method, string relative, string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, new Uri(relative.StartsWith("/", StringComparison.Ordinal) ? relative[1..] : Base + relative, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonObject json;
        try
        {
            json = JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["raw"] = text };
        }
        catch (System.Text.Json.JsonException)
        {
            json = new JsonObject { ["raw"] = text };
        }

        return new QboAnswer(response.StatusCode, json);
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>Compact JSON for tests: backticks stand for double quotes, so <c>J("{`Name`:`Amy's`}")</c>.</summary>
public static class Js
{
    public static JsonObject J(string json) => JsonNode.Parse(json.Replace('`', '"'))!.AsObject();
}
