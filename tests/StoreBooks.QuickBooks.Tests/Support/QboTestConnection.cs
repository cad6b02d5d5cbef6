using Microsoft.Extensions.Logging;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Support;

/// <summary>
/// Everything a test needs to talk to the emulator with StoreBooks' own client: discovered OAuth endpoints, a token
/// store seeded with a fresh pair (issued by the emulator, as after "connect"), a keeper and a client.
/// </summary>
public sealed class QboTestConnection : IAsyncDisposable
{
    private QboTestConnection(EmulatorFixture emulator, HttpClient http, QboOAuthClient oauth, IQboTokenStore store, QboRealmLimits limits, string realmId, string connectionKey)
    {
        Emulator = emulator;
        Http = http;
        OAuth = oauth;
        Store = store;
        Limits = limits;
        RealmId = realmId;
        ConnectionKey = connectionKey;
    }

    public EmulatorFixture Emulator { get; }

    /// <summary>Plain HttpClient on the emulator (OAuth calls, admin endpoints).</summary>
    public HttpClient Http { get; }

    public QboOAuthClient OAuth { get; }

    public IQboTokenStore Store { get; }

    public QboRealmLimits Limits { get; }

    public string RealmId { get; }

    public string ConnectionKey { get; }

    public static QboAppCredentials DemoApp => new("demo-client", "demo-secret");

    public static async Task<QboTestConnection> CreateAsync(
        EmulatorFixture emulator,
        string? realmId = null,
        QboLimitsOptions? limits = null,
        IQboTokenStore? store = null,
        TimeProvider? time = null,
        ILoggerFactory? logs = null)
    {
        var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var endpoints = await QboDiscovery.DiscoverAsync(http, QboEnvironment.At(emulator.BaseUrl), TestContext.Current.CancellationToken);
        var oauth = new QboOAuthClient(http, endpoints, DemoApp, time, logs?.CreateLogger<QboOAuthClient>());
        realmId ??= emulator.RealmId;
        var connectionKey = "conn-" + Guid.NewGuid().ToString("N")[..8];
        store ??= new InMemoryQboTokenStore();
        var issued = emulator.Server.Qbo.OAuth.IssueTokens(realmId);
        await QboTokenKeeper.SaveNewConnectionAsync(store, connectionKey, new QboTokenSet(issued.AccessToken, issued.RefreshToken, issued.AccessTokenExpiresAt, null, realmId), TestContext.Current.CancellationToken);
        return new QboTestConnection(emulator, http, oauth, store, new QboRealmLimits(limits), realmId, connectionKey);
    }

    public QboTokenKeeper CreateKeeper(TimeProvider? time = null, TimeSpan? refreshBeforeExpiry = null, ILoggerFactory? logs = null, IQboTokenStore? store = null) =>
        new(ConnectionKey, store ?? Store, OAuth, time, refreshBeforeExpiry, logs?.CreateLogger<QboTokenKeeper>());

    /// <summary>A client with fast retries (milliseconds, not seconds) unless told otherwise.</summary>
    public QboClient CreateClient(QboTokenKeeper? keeper = null, QboRetryOptions? retry = null, ILoggerFactory? logs = null, QboRealmLimits? limits = null, int pageSize = 1000) => new(new QboClientOptions
    {
        Environment = QboEnvironment.At(Emulator.BaseUrl),
        RealmId = RealmId,
        Tokens = keeper ?? CreateKeeper(logs: logs),
        Limits = limits ?? Limits,
        Retry = retry ?? FastRetry,
        LoggerFactory = logs,
        QueryPageSize = pageSize,
    });

    public static QboRetryOptions FastRetry { get; } = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(5),
        ThrottledDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryAttempts = 6,
        AttemptTimeout = TimeSpan.FromSeconds(20),
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Limits.DisposeAsync();
    }
}
