using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Qbo.OAuth;
using StoreBooks.Emulators.Qbo.Webhooks;

namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>
/// The emulator's own endpoints (no token needed; JSON in camelCase), under <c>/emulator/qbo</c>:
/// <list type="bullet">
/// <item><c>GET /emulator/qbo/realms</c>; <c>POST /emulator/qbo/realms</c> with <see cref="QboCompanySettings"/> (realmId optional) → 201.</item>
/// <item><c>GET|PUT|DELETE /emulator/qbo/{realmId}/faults</c>: <see cref="QboFaultSettings"/>, replaced whole by PUT, cleared by DELETE.</item>
/// <item><c>GET|DELETE /emulator/qbo/{realmId}/counters</c>: <see cref="QboTrafficCounters"/>, reset by DELETE.</item>
/// <item><c>POST /emulator/qbo/{realmId}/tokens[?clientId=]</c>: a token pair without the browser flow, in the token endpoint's shape.</item>
/// <item><c>GET|PUT /emulator/qbo/webhooks</c>: url, verifierToken, format, and delivery stats.</item>
/// </list>
/// </summary>
internal static class AdminEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Map(WebApplication app, QboEmulator qbo)
    {
        var admin = app.MapGroup("/emulator/qbo");
        admin.MapGet("/realms", () => Results.Json(new
        {
            defaultRealmId = qbo.Companies.DefaultRealmId,
            realms = qbo.Companies.RealmIds.Order(StringComparer.Ordinal)
                .Select(id => qbo.RealmSettings.FirstOrDefault(s => s.RealmId == id) ?? new QboCompanySettings { RealmId = id }),
        }, Json));
        admin.MapPost("/realms", (Func<HttpContext, Task<IResult>>)(context => CreateRealmAsync(context, qbo)));

        admin.MapGet("/{realmId}/faults", (string realmId) => WithRealm(qbo, realmId, () => Results.Json(qbo.Traffic.GetFaults(realmId), Json)));
        admin.MapPut("/{realmId}/faults", (string realmId, HttpContext context) => PutFaultsAsync(context, qbo, realmId));
        admin.MapDelete("/{realmId}/faults", (string realmId) => WithRealm(qbo, realmId, () =>
        {
            qbo.Traffic.SetFaults(realmId, new QboFaultSettings());
            return Results.Json(qbo.Traffic.GetFaults(realmId), Json);
        }));

        admin.MapGet("/{realmId}/counters", (string realmId) => WithRealm(qbo, realmId, () => Results.Json(qbo.Traffic.GetCounters(realmId), Json)));
        admin.MapDelete("/{realmId}/counters", (string realmId) => WithRealm(qbo, realmId, () =>
        {
            qbo.Traffic.ResetCounters(realmId);
            return Results.Json(qbo.Traffic.GetCounters(realmId), Json);
        }));

        admin.MapPost("/{realmId}/tokens", (string realmId, string? clientId) => WithRealm(qbo, realmId, () =>
        {
            if (clientId is not null && !qbo.OAuth.IsKnownClient(clientId))
            {
                return Problem(400, $"clientId '{clientId}' is not an app the emulator knows.");
            }

            var tokens = qbo.OAuth.IssueTokens(realmId, clientId ?? qbo.Options.ClientId);
            var body = TokenEndpointResult.Success(tokens).ToJson(qbo.Time, includeHardExpiry: false);
            body["realmId"] = realmId;
            return Results.Text(body.ToJsonString(), "application/json");
        }));

        admin.MapGet("/webhooks", () => WebhooksResult(qbo));
        admin.MapPut("/webhooks", (Func<HttpContext, Task<IResult>>)(context => PutWebhooksAsync(context, qbo)));
    }

    private static async Task<IResult> CreateRealmAsync(HttpContext context, QboEmulator qbo)
    {
        var body = await ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return Problem(400, "Send a JSON object of company settings, e.g. {\"country\":\"CA\",\"homeCurrency\":\"CAD\",\"trackInventory\":false}; realmId is optional.");
        }

        if (body["realmId"] is null)
        {
            body["realmId"] = qbo.NextRealmId();
        }

        QboCompanySettings settings;
        try
        {
            settings = body.Deserialize<QboCompanySettings>(Json)!;
        }
        catch (JsonException e)
        {
            return Problem(400, $"The company settings do not fit QboCompanySettings: {e.Message}");
        }

        try
        {
            qbo.CreateRealm(settings);
        }
        catch (InvalidOperationException e)
        {
            return Problem(409, e.Message);
        }

        return Results.Json(settings, Json, statusCode: 201);
    }

    private static async Task<IResult> PutFaultsAsync(HttpContext context, QboEmulator qbo, string realmId)
    {
        if (!qbo.Companies.Exists(realmId))
        {
            return UnknownRealm(qbo, realmId);
        }

        var body = await ReadObjectAsync(context).ConfigureAwait(false);
        QboFaultSettings? faults;
        try
        {
            faults = body?.Deserialize<QboFaultSettings>(Json);
        }
        catch (JsonException e)
        {
            return Problem(400, $"The fault settings do not fit: {e.Message}");
        }

        if (faults is null)
        {
            return Problem(400, "Send a JSON object such as {\"failNext\":2,\"failStatus\":503} or {\"dropRate\":0.1,\"seed\":7}.");
        }

        var problem = faults.Problem();
        if (problem is not null)
        {
            return Problem(400, problem);
        }

        qbo.Traffic.SetFaults(realmId, faults);
        return Results.Json(qbo.Traffic.GetFaults(realmId), Json);
    }

    private static async Task<IResult> PutWebhooksAsync(HttpContext context, QboEmulator qbo)
    {
        var body = await ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return Problem(400, "Send {\"url\":\"http://127.0.0.1:9000/hooks\",\"verifierToken\":\"…\",\"format\":\"eventNotifications|cloudEvents\"}; url null stops sending.");
        }

        var current = qbo.Webhooks.Settings;
        try
        {
            var url = body.ContainsKey("url") ? (body["url"]?.GetValue<string>() is { } u ? new Uri(u, UriKind.Absolute) : null) : current.Url;
            var token = body["verifierToken"]?.GetValue<string>() ?? current.VerifierToken;
            var format = body["format"] is { } f ? f.Deserialize<QboWebhookFormat>(Json) : current.Format;
            qbo.Webhooks.Configure(new QboWebhookSettings(url, token, format));
        }
        catch (Exception e) when (e is UriFormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            return Problem(400, e.Message);
        }

        return WebhooksResult(qbo);
    }

    private static IResult WebhooksResult(QboEmulator qbo)
    {
        var settings = qbo.Webhooks.Settings;
        return Results.Json(new { url = settings.Url, settings.VerifierToken, settings.Format, stats = qbo.Webhooks.Stats }, Json);
    }

    private static IResult WithRealm(QboEmulator qbo, string realmId, Func<IResult> action) =>
        qbo.Companies.Exists(realmId) ? action() : UnknownRealm(qbo, realmId);

    private static IResult UnknownRealm(QboEmulator qbo, string realmId) =>
        Problem(404, $"Realm {realmId} does not exist; the emulator has {string.Join(", ", qbo.Companies.RealmIds)}. Create one with POST /emulator/qbo/realms.");

    private static IResult Problem(int status, string message) =>
        Results.Json(new { error = message }, Json, statusCode: status);

    private static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
