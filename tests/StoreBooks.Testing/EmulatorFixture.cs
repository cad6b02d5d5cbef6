using System.Net.Http.Headers;
using StoreBooks.Emulators;
using Xunit;

namespace StoreBooks.Testing;

/// <summary>An emulator server on a free loopback port, shared by the tests of one class.</summary>
public class EmulatorFixture : IAsyncLifetime
{
    private EmulatorServer? _server;

    public EmulatorServer Server => _server ?? throw new InvalidOperationException("The emulator has not started.");

    public Uri BaseUrl => Server.BaseUrl;

    /// <summary>The default realm (a US QBO Plus company with inventory tracking on).</summary>
    public string RealmId => Server.Qbo.Companies.DefaultRealmId;

    /// <summary>Options the server starts with; override to change realms, token lifetime, webhooks.</summary>
    protected virtual EmulatorOptions CreateOptions() => new() { Port = 0 };

    /// <summary>
    /// A raw HttpClient for the QBO emulator carrying a fresh bearer token for <paramref name="realmId"/>
    /// (the default realm when null): for tests of the emulator itself, which must not use StoreBooks' own client.
    /// </summary>
    public HttpClient CreateQboHttpClient(string? realmId = null)
    {
        var tokens = Server.Qbo.OAuth.IssueTokens(realmId ?? RealmId);
        var http = new HttpClient { BaseAddress = BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    public async ValueTask InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(CreateOptions()).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }
}
