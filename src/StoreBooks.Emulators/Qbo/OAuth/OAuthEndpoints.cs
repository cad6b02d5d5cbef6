using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using StoreBooks.Emulators.Qbo.Traffic;

namespace StoreBooks.Emulators.Qbo.OAuth;

/// <summary>
/// Intuit's OAuth 2.0 endpoints at Intuit's own paths: authorize (approves at once), token (code and refresh grants),
/// revoke and userinfo.
/// </summary>
internal static class OAuthEndpoints
{
    private const string AccountingScope = "com.intuit.quickbooks.accounting";

    public static void Map(WebApplication app, QboEmulator qbo)
    {
        app.MapGet("/connect/oauth2", (HttpContext context) => Authorize(context, qbo));
        app.MapPost("/oauth2/v1/tokens/bearer", (Func<HttpContext, Task<IResult>>)(context => TokenAsync(context, qbo)));
        app.MapPost("/v2/oauth2/tokens/revoke", (Func<HttpContext, Task<IResult>>)(context => RevokeAsync(context, qbo)));
        app.MapGet("/v1/openid_connect/userinfo", (HttpContext context) => UserInfo(context, qbo));
    }

    /// <summary>
    /// The consent page, approved at once: redirects to redirect_uri with code, state and realmId. The emulator-only
    /// query parameter <c>realmId</c> picks the company; without it the default realm is connected.
    /// </summary>
    private static IResult Authorize(HttpContext context, QboEmulator qbo)
    {
        var query = context.Request.Query;
        string clientId = query["client_id"].ToString();
        string redirectUri = query["redirect_uri"].ToString();
        string state = query["state"].ToString();
        if (!qbo.OAuth.IsKnownClient(clientId))
        {
            return Results.Text($"Unknown client_id '{clientId}'. The emulator's app is '{qbo.Options.ClientId}' (secret '{qbo.Options.ClientSecret}').", statusCode: 400);
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
        {
            return Results.Text("redirect_uri is missing or not an absolute URL; Intuit redirects the user there with the code.", statusCode: 400);
        }

        if (query["response_type"].ToString() != "code")
        {
            return RedirectWithError(redirectUri, state, "unsupported_response_type", "response_type must be 'code'.");
        }

        var scope = query["scope"].ToString();
        if (string.IsNullOrWhiteSpace(scope))
        {
            return RedirectWithError(redirectUri, state, "invalid_scope", $"scope is required, e.g. '{AccountingScope}'.");
        }

        var realmId = query["realmId"].ToString();
        if (string.IsNullOrEmpty(realmId))
        {
            realmId = qbo.Companies.DefaultRealmId;
        }
        else if (!qbo.Companies.Exists(realmId))
        {
            return Results.Text($"realmId '{realmId}' is not a company in the emulator; it has: {string.Join(", ", qbo.Companies.RealmIds)}.", statusCode: 400);
        }

        var code = qbo.OAuth.CreateAuthorizationCode(clientId, redirectUri, realmId, scope);
        var location = QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?>
        {
            ["code"] = code,
            ["state"] = state,
            ["realmId"] = realmId,
        });
        return Results.Redirect(location);
    }

    private static IResult RedirectWithError(string redirectUri, string state, string error, string description) =>
        Results.Redirect(QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?>
        {
            ["error"] = error,
            ["error_description"] = description,
            ["state"] = state,
        }));

    private static async Task<IResult> TokenAsync(HttpContext context, QboEmulator qbo)
    {
        NoStore(context);
        if (!context.Request.HasFormContentType)
        {
            return OAuthError(400, "invalid_request", "The token endpoint takes an application/x-www-form-urlencoded body.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var app = Client(context, qbo, form["client_id"].ToString(), form["client_secret"].ToString());
        if (app is null)
        {
            return InvalidClient(context);
        }

        var grantType = form["grant_type"].ToString();
        var result = grantType switch
        {
            "authorization_code" => qbo.OAuth.ExchangeCode(app.ClientId, form["code"].ToString(), form["redirect_uri"].ToString()),
            "refresh_token" => qbo.OAuth.Refresh(app.ClientId, form["refresh_token"].ToString()),
            _ => TokenEndpointResult.Failure(400, "unsupported_grant_type", $"grant_type '{grantType}' is not supported; use authorization_code or refresh_token."),
        };
        var hardExpiry = string.Equals(context.Request.Headers["x-include-refresh-token-hard-expires-in"], "true", StringComparison.OrdinalIgnoreCase);
        return Results.Text(result.ToJson(qbo.Time, hardExpiry).ToJsonString(), "application/json", Encoding.UTF8, result.Status);
    }

    /// <summary>Revokes the pair a token belongs to; JSON <c>{"token":…}</c> (Intuit's form) or a form field.</summary>
    private static async Task<IResult> RevokeAsync(HttpContext context, QboEmulator qbo)
    {
        NoStore(context);
        string? token = null;
        string? formClientId = null;
        string? formClientSecret = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            token = form["token"].ToString();
            formClientId = form["client_id"].ToString();
            formClientSecret = form["client_secret"].ToString();
        }
        else
        {
            try
            {
                var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                token = (body as JsonObject)?["token"]?.GetValue<string>();
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                return OAuthError(400, "invalid_request", "The revoke endpoint takes a JSON body {\"token\":\"<access or refresh token>\"}.");
            }
        }

        var app = Client(context, qbo, formClientId, formClientSecret);
        if (app is null)
        {
            return InvalidClient(context);
        }

        if (string.IsNullOrEmpty(token))
        {
            return OAuthError(400, "invalid_request", "The revoke request names no token: send {\"token\":\"<access or refresh token>\"}.");
        }

        qbo.OAuth.Revoke(app.ClientId, token);
        return Results.Ok();
    }

    private static IResult UserInfo(HttpContext context, QboEmulator qbo)
    {
        var check = qbo.OAuth.CheckAccessToken(BearerToken(context.Request), realmId: null);
        if (check.Outcome != TokenCheckOutcome.Valid)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"Intuit\", error=\"invalid_token\"";
            return Results.Text(new JsonObject { ["error"] = "invalid_token", ["error_description"] = $"Access token {check.Outcome.ToString().ToLowerInvariant()}." }.ToJsonString(), "application/json", Encoding.UTF8, 401);
        }

        var body = new JsonObject
        {
            ["sub"] = DeterministicGuid(check.RealmId!).ToString(),
            ["email"] = "merchant@storebooks.example",
            ["emailVerified"] = true,
            ["givenName"] = "Demo",
            ["familyName"] = "Merchant",
            ["realmId"] = check.RealmId,
        };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    /// <summary>The bearer token of a request, or null.</summary>
    internal static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }

    /// <summary>Client authentication: <c>client_secret_basic</c> first, then <c>client_secret_post</c>.</summary>
    private static QboOAuthApp? Client(HttpContext context, QboEmulator qbo, string? formClientId, string? formClientSecret)
    {
        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is not null)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            }
            catch (FormatException)
            {
                return null;
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : qbo.OAuth.AuthenticateClient(Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }

        return string.IsNullOrEmpty(formClientId) ? null : qbo.OAuth.AuthenticateClient(formClientId, formClientSecret);
    }

    private static IResult InvalidClient(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Intuit\"";
        return OAuthError(401, "invalid_client", "Client authentication failed: send Authorization: Basic base64(client_id:client_secret) or client_id and client_secret form fields of a registered app.");
    }

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Text(new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString(), "application/json", Encoding.UTF8, status);

    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        context.Response.Headers["intuit_tid"] = IntuitTid.New();
    }

    private static Guid DeterministicGuid(string value)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(value));
        return new Guid(hash.AsSpan(0, 16));
    }
}
