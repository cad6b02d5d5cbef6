using StoreBooks.Emulators;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.OAuth;

namespace StoreBooks.QuickBooks.Bench;

/// <summary>A connection to the emulator's realm with StoreBooks' own client (tokens issued as after "connect").</summary>
internal sealed class BenchRig : IAsyncDisposable
{
    private readonly EmulatorServer _server;
    private readonly QboTokenKeeper _keeper;
    private readonly HttpClient _http;

    private BenchRig(EmulatorServer server, string realm, QboTokenKeeper keeper, QboRealmLimits limits, HttpClient http, string accessToken)
    {
        _server = server;
        Realm = realm;
        _keeper = keeper;
        Limits = limits;
        _http = http;
        AccessToken = accessToken;
    }

    public string Realm { get; }

    public QboRealmLimits Limits { get; }

    public string AccessToken { get; }

    public QboTokenKeeper Keeper => _keeper;

    public static async Task<BenchRig> CreateAsync(EmulatorServer server, string realm, QboLimitsOptions limits)
    {
        var http = new HttpClient();
        var endpoints = await QboDiscovery.DiscoverAsync(http, QboEnvironment.At(server.BaseUrl));
        var oauth = new QboOAuthClient(http, endpoints, new QboAppCredentials(server.Qbo.Options.ClientId, server.Qbo.Options.ClientSecret));
        var store = new InMemoryQboTokenStore();
        var issued = server.Qbo.OAuth.IssueTokens(realm);
        await QboTokenKeeper.SaveNewConnectionAsync(store, "bench", new QboTokenSet(issued.AccessToken, issued.RefreshToken, issued.AccessTokenExpiresAt, null, realm), CancellationToken.None);
        return new BenchRig(server, realm, new QboTokenKeeper("bench", store, oauth), new QboRealmLimits(limits), http, issued.AccessToken);
    }

    public QboClient CreateClient() => new(new QboClientOptions
    {
        Environment = QboEnvironment.At(_server.BaseUrl),
        RealmId = Realm,
        Tokens = _keeper,
        Limits = Limits,
    });

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Limits.DisposeAsync();
    }
}
