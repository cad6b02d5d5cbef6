using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Storage;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Sync.Tests;

/// <summary>
/// A QuickBooks emulator on loopback, a real SQLite state store in a temporary home, and one connection joined to the
/// emulator's default realm (tokens issued by the emulator and saved encrypted, as <c>connect quickbooks</c> does).
/// </summary>
public sealed class SyncHarness : IAsyncDisposable
{
    private readonly string _home;

    private SyncHarness(string home, EmulatorServer emulator, IStateStore state, QuickBooksConnections connections, Connection connection)
    {
        _home = home;
        Emulator = emulator;
        State = state;
        Connections = connections;
        Connection = connection;
    }

    public EmulatorServer Emulator { get; }

    public IStateStore State { get; }

    public QuickBooksConnections Connections { get; }

    public Connection Connection { get; private set; }

    public string RealmId => Connection.QboRealmId!;

    public string HomeDirectory => _home;

    public static async Task<SyncHarness> StartAsync(ConnectionSettings? settings = null, EmulatorOptions? emulatorOptions = null, QboLimitsOptions? limits = null, string sourceKind = "csv")
    {
        var home = Path.Combine(Path.GetTempPath(), "storebooks-test-" + Guid.NewGuid().ToString("N"));
        var emulator = await EmulatorServer.StartAsync(emulatorOptions ?? new EmulatorOptions { Port = 0 });
        var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(home), CancellationToken.None);
        var connections = new QuickBooksConnections(state, limits: limits, retry: new QboRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(20), ThrottledDelay = TimeSpan.FromMilliseconds(200), MaxRetryAfter = TimeSpan.FromSeconds(2) });
        var realm = emulator.Qbo.Companies.DefaultRealmId;
        var connection = new Connection
        {
            Id = Guid.NewGuid(),
            Name = "test-shop",
            SourceKind = sourceKind,
            QboRealmId = realm,
            QboBaseUrl = emulator.BaseUrl.AbsoluteUri,
            Settings = (settings ?? new ConnectionSettings()).ToJson(),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        await state.Connections.AddAsync(connection, CancellationToken.None);
        await QuickBooksApp.SaveAsync(state.Credentials, connection.Id, QuickBooksApp.Demo, CancellationToken.None);
        var issued = emulator.Qbo.OAuth.IssueTokens(realm);
        await QboTokenKeeper.SaveNewConnectionAsync(
            new CredentialTokenStore(state.Credentials),
            connection.Id.ToString(),
            new QboTokenSet(issued.AccessToken, issued.RefreshToken, issued.AccessTokenExpiresAt, null, realm),
            CancellationToken.None);
        return new SyncHarness(home, emulator, state, connections, connection);
    }

    /// <summary>Saves new settings on the connection (as the settings command does).</summary>
    public async Task SetSettingsAsync(ConnectionSettings settings)
    {
        Connection = Connection with { Settings = settings.ToJson(), UpdatedAt = DateTimeOffset.UtcNow };
        await State.Connections.UpdateAsync(Connection, CancellationToken.None);
    }

    /// <summary>A fresh context (a new run): QuickBooks facts are read again.</summary>
    public async Task<SyncContext> ContextAsync()
    {
        var client = await Connections.ClientForAsync(Connection, CancellationToken.None);
        return new SyncContext(Connection, client, State);
    }

    /// <summary>A client for setting up and checking QuickBooks data in tests (StoreBooks' own client, over loopback).</summary>
    public Task<QboClient> ClientAsync() => Connections.ClientForAsync(Connection, CancellationToken.None);

    public long QboRequests => Emulator.Qbo.Traffic.GetCounters(RealmId).Requests;

    public async ValueTask DisposeAsync()
    {
        await Connections.DisposeAsync();
        await State.DisposeAsync();
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
