using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StoreBooks.Emulators.Qbo;

namespace StoreBooks.Emulators.Tests.Qbo.OAuth;

/// <summary>An emulator started for one test with its own options (and usually a fake clock), plus raw HTTP helpers.</summary>
internal sealed class PlatformEmulator : IAsyncDisposable
{
    private PlatformEmulator(EmulatorServer server, FakeTimeProvider? clock)
    {
        Server = server;
        Clock = clock;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
    }

    public EmulatorServer Server { get; }

    public QboEmulator Qbo => Server.Qbo;

    /// <summary>The emulator's clock, when the test asked for a fake one.</summary>
    public FakeTimeProvider? Clock { get; }

    /// <summary>No default headers, no redirects followed.</summary>
    public HttpClient Http { get; }

    public string RealmId => Qbo.Companies.DefaultRealmId;

    public static async Task<PlatformEmulator> StartAsync(QboEmulatorOptions? qbo = null, bool fakeClock = true)
    {
        var clock = fakeClock ? new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero)) : null;
        var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Time = clock ?? TimeProvider.System,
            Qbo = qbo ?? new QboEmulatorOptions(),
        }).ConfigureAwait(false);
        return new PlatformEmulator(server, clock);
    }

    /// <summary>A /v3 request with a bearer token (none when null).</summary>
    public static HttpRequestMessage V3(HttpMethod method, string path, string? accessToken, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>GET on a path of the realm that passes the gate whatever the accounting API answers.</summary>
    public async Task<HttpResponseMessage> CallAsync(string accessToken, string? realmId = null, CancellationToken cancellationToken = default)
    {
        using var request = V3(HttpMethod.Get, $"v3/company/{realmId ?? RealmId}/companyinfo/{realmId ?? RealmId}?minorversion=75", accessToken);
        return await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POSTs a form to the token endpoint with Basic client authentication (or none when id is null).</summary>
    public async Task<(int Status, JsonObject Body)> TokenAsync(Dictionary<string, string> form, string? clientId = "demo-client", string clientSecret = "demo-secret", CancellationToken cancellationToken = default, bool askHardExpiry = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/v1/tokens/bearer") { Content = new FormUrlEncodedContent(form) };
        if (askHardExpiry)
        {
            request.Headers.Add("x-include-refresh-token-hard-expires-in", "true");
        }

        if (clientId is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!.AsObject();
        return ((int)response.StatusCode, body);
    }

    /// <summary>Follows the authorize step like a browser that the user approves in: returns the redirect's query.</summary>
    public async Task<Dictionary<string, string>> AuthorizeAsync(string redirectUri, string state, string? realmId = null, CancellationToken cancellationToken = default)
    {
        var url = $"connect/oauth2?client_id=demo-client&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri={Uri.EscapeDataString(redirectUri)}&state={state}";
        if (realmId is not null)
        {
            url += "&realmId=" + realmId;
        }

        using var response = await Http.GetAsync(new Uri(url, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode != 302)
        {
            throw new InvalidOperationException($"authorize answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }

        var location = response.Headers.Location!;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync().ConfigureAwait(false);
    }
}
