using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StoreBooks.QuickBooks.Json;

namespace StoreBooks.QuickBooks.OAuth;

/// <summary>
/// Talks to Intuit's OAuth 2.0 server for one app: builds the authorize URL, exchanges the code, refreshes and revokes
/// tokens. Token requests are never retried automatically (a refresh token can be used once) and tokens are never logged.
/// </summary>
public sealed partial class QboOAuthClient
{
    /// <summary>The scope for the Accounting API.</summary>
    public const string AccountingScope = "com.intuit.quickbooks.accounting";

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public QboOAuthClient(HttpClient http, QboOAuthEndpoints endpoints, QboAppCredentials app, TimeProvider? time = null, ILogger<QboOAuthClient>? logger = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        Endpoints = endpoints ?? throw new ArgumentNullException(nameof(endpoints));
        App = app ?? throw new ArgumentNullException(nameof(app));
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public QboOAuthEndpoints Endpoints { get; }

    public QboAppCredentials App { get; }

    /// <summary>The URL to open in the merchant's browser; Intuit redirects back with <c>code</c>, <c>state</c> and <c>realmId</c>.</summary>
    public Uri BuildAuthorizeUrl(Uri redirectUri, string state, string scope = AccountingScope)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        ArgumentException.ThrowIfNullOrEmpty(state);
        var query = new StringBuilder();
        Append(query, "client_id", App.ClientId);
        Append(query, "response_type", "code");
        Append(query, "scope", scope);
        Append(query, "redirect_uri", redirectUri.AbsoluteUri);
        Append(query, "state", state);
        var builder = new UriBuilder(Endpoints.AuthorizationEndpoint);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? query.ToString() : existing + "&" + query;
        return builder.Uri;

        static void Append(StringBuilder query, string name, string value)
        {
            if (query.Length > 0)
            {
                query.Append('&');
            }

            query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    /// <summary>Exchanges the authorization code from the redirect for the connection's first token set.</summary>
    public Task<QboTokenSet> ExchangeCodeAsync(string code, Uri redirectUri, string? realmId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(redirectUri);
        return RequestTokensAsync(
            "code exchange",
            [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri.AbsoluteUri)],
            realmId,
            cancellationToken);
    }

    /// <summary>Trades a refresh token for a new token set; the refresh token in the answer replaces the old one.</summary>
    public Task<QboTokenSet> RefreshAsync(string refreshToken, string? realmId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        return RequestTokensAsync(
            "refresh",
            [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)],
            realmId,
            cancellationToken);
    }

    /// <summary>Revokes a refresh (or access) token, disconnecting the app from the company.</summary>
    public async Task RevokeAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoints.RevocationEndpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = token }, QboJsonContext.Default.DictionaryStringString), Encoding.UTF8, "application/json"),
        };
        Authorize(request);
        using var response = await SendAsync(request, "revoke", cancellationToken).ConfigureAwait(false);
        LogOAuthCall(_logger, "revoke", (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, "revoke", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<QboTokenSet> RequestTokensAsync(string step, KeyValuePair<string, string>[] form, string? realmId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoints.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        Authorize(request);
        var requestedAt = _time.GetUtcNow();
        using var response = await SendAsync(request, step, cancellationToken).ConfigureAwait(false);
        LogOAuthCall(_logger, step, (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, step, cancellationToken).ConfigureAwait(false);
        }

        QboTokenResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync(QboJsonContext.Default.QboTokenResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new QboOAuthException($"Intuit's token endpoint answered the {step} with a body that is not a token response ({e.Message}).", null, (int)response.StatusCode, e);
        }

        if (body is null || string.IsNullOrEmpty(body.AccessToken) || string.IsNullOrEmpty(body.RefreshToken) || body.ExpiresIn is null)
        {
            throw new QboOAuthException($"Intuit's token endpoint answered the {step} without access_token, refresh_token or expires_in.", null, (int)response.StatusCode);
        }

        return new QboTokenSet(
            body.AccessToken,
            body.RefreshToken,
            requestedAt.AddSeconds(body.ExpiresIn.Value),
            body.RefreshTokenExpiresIn is { } refreshLife ? requestedAt.AddSeconds(refreshLife) : null,
            realmId);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string step, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new QboOAuthException($"Could not reach Intuit's OAuth server for the {step} ({request.RequestUri!.GetLeftPart(UriPartial.Path)}): {e.Message}", null, null, e);
        }
    }

    private void Authorize(HttpRequestMessage request)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{App.ClientId}:{App.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    private static async Task<QboOAuthException> ErrorAsync(HttpResponseMessage response, string step, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        QboOAuthErrorResponse? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync(QboJsonContext.Default.QboOAuthErrorResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
        }

        var code = error?.Error;
        var advice = code switch
        {
            "invalid_grant" => "the refresh token or code is expired, revoked or was already used; reconnect QuickBooks",
            "invalid_client" => "the app's client id or secret is wrong; check the app credentials",
            _ => "see Intuit's OAuth error",
        };
        var description = string.IsNullOrEmpty(error?.ErrorDescription) ? string.Empty : $" ({error!.ErrorDescription})";
        return new QboOAuthException(
            $"Intuit's OAuth server refused the {step}: HTTP {status} {code ?? "(no error code)"}{description}; {advice}.",
            code,
            status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "QBO OAuth {Step} answered HTTP {Status}")]
    private static partial void LogOAuthCall(ILogger logger, string step, int status);
}
