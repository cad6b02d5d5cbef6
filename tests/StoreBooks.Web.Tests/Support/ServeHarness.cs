using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Hosting.Sources;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Storage;
using StoreBooks.Sync.Connections;
using StoreBooks.Web;
using Xunit;

namespace StoreBooks.Web.Tests.Support;

/// <summary>
/// <c>storebooks serve</c> for a test: the emulators on loopback, a real SQLite state store in a temporary home, connections
/// joined to the emulator's QuickBooks company (tokens issued by the emulator, saved encrypted), then the server itself on a
/// free loopback port with a fake clock: the dispatcher's ticks come only when the test moves the clock, a webhook wakes it at once.
/// </summary>
public sealed class ServeHarness : IAsyncDisposable
{
    private readonly string _home;
    private StoreBooksServer? _server;
    private HttpClient? _http;

    private ServeHarness(string home, EmulatorServer emulator, IStateStore state)
    {
        _home = home;
        Emulator = emulator;
        State = state;
    }

    public EmulatorServer Emulator { get; }

    public IStateStore State { get; }

    /// <summary>The clock of the server: schedules, runs and dispatcher ticks.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Every log line the server wrote, with exception text.</summary>
    public LogCollector Logs { get; } = new();

    /// <summary>The sources the server makes; tests replace a kind with a probe.</summary>
    public SourceFactory Sources { get; } = new();

    public StoreBooksServer Server => _server ?? throw new InvalidOperationException("Start the server first.");

    /// <summary>A client of the server's root address.</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("Start the server first.");

    public string HomeDirectory => _home;

    public static async Task<ServeHarness> CreateAsync(EmulatorOptions? emulatorOptions = null)
    {
        var home = Path.Combine(Path.GetTempPath(), "storebooks-serve-test-" + Guid.NewGuid().ToString("N"));
        var emulator = await EmulatorServer.StartAsync(emulatorOptions ?? new EmulatorOptions { Port = 0 });
        var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(home), CancellationToken.None);
        return new ServeHarness(home, emulator, state);
    }

    /// <summary>
    /// Adds a connection reading from <paramref name="kind"/>; with <paramref name="realmId"/> (the emulator's default company
    /// when null) it is joined to QuickBooks as <c>connect quickbooks</c> leaves it, unless <paramref name="joinQuickBooks"/> is false.
    /// </summary>
    public async Task<Connection> AddConnectionAsync(
        string name, string kind, JsonObject? sourceSettings = null, ConnectionSettings? settings = null, string? realmId = null, bool joinQuickBooks = true)
    {
        var realm = realmId ?? Emulator.Qbo.Companies.DefaultRealmId;
        var connection = new Connection
        {
            Id = Guid.NewGuid(),
            Name = name,
            SourceKind = kind,
            SourceSettings = sourceSettings ?? [],
            QboRealmId = realm,
            QboBaseUrl = Emulator.BaseUrl.AbsoluteUri,
            Settings = (settings ?? new ConnectionSettings()).ToJson(),
        };
        await State.Connections.AddAsync(connection, CancellationToken.None);
        if (joinQuickBooks)
        {
            await QuickBooksApp.SaveAsync(State.Credentials, connection.Id, QuickBooksApp.Demo, CancellationToken.None);
            var issued = Emulator.Qbo.OAuth.IssueTokens(realm);
            await QboTokenKeeper.SaveNewConnectionAsync(
                new CredentialTokenStore(State.Credentials),
                connection.Id.ToString(),
                new QboTokenSet(issued.AccessToken, issued.RefreshToken, issued.AccessTokenExpiresAt, null, realm),
                CancellationToken.None);
        }

        return connection;
    }

    public Task SetSecretAsync(Connection connection, string provider, string secret) =>
        WebhookSecrets.SaveAsync(State.Credentials, connection.Id, provider, secret, CancellationToken.None);

    /// <summary>Starts the server; <paramref name="configure"/> changes its options (port 0 and the fake clock are set already).</summary>
    public async Task<StoreBooksServer> StartServerAsync(Func<ServeOptions, ServeOptions>? configure = null)
    {
        var options = new ServeOptions
        {
            Urls = ["http://127.0.0.1:0"],
            Time = Time,
            Workers = 4,
            Logging = logging =>
            {
                logging.AddProvider(Logs);
                logging.SetMinimumLevel(LogLevel.Debug);
            },
            QboRetry = new QboRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(20), ThrottledDelay = TimeSpan.FromMilliseconds(200), MaxRetryAfter = TimeSpan.FromSeconds(2) },
        };
        _server = await StoreBooksServer.StartAsync(State, configure?.Invoke(options) ?? options, Sources, CancellationToken.None);
        _http = new HttpClient { BaseAddress = _server.BaseUrl };
        return _server;
    }

    /// <summary>A QuickBooks client of the connection, for checking what a sync wrote (StoreBooks' own client, over loopback).</summary>
    public async Task<QboClient> QuickBooksAsync(Connection connection)
    {
        var connections = new QuickBooksConnections(State);
        return await connections.ClientForAsync(connection, CancellationToken.None);
    }

    /// <summary>The connection's runs, oldest first (runs started at the same instant of the fake clock in no set order).</summary>
    public async Task<IReadOnlyList<SyncRun>> RunsAsync(Connection connection) =>
        [.. (await State.Runs.ListRunsAsync(connection.Id, 1000, CancellationToken.None)).Reverse()];

    /// <summary>Waits (in real time, up to a generous bound) until nothing is queued, running or due at the fake clock's now.</summary>
    /// <summary>
    /// One dispatcher pass now, as the timer would make one. Waiting for the timer's own pass races with a fake clock: advanced
    /// before the dispatcher sets its next delay, the delay starts from the new time and never comes.
    /// </summary>
    public Task<int> DispatchPassAsync() => Server.Dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);

    public Task WaitIdleAsync() => WaitUntilAsync(
        async () => Server.Worker.Busy.Count == 0 && (await State.Schedule.ListDueAsync(Time.GetUtcNow(), CancellationToken.None)).Count == 0
            && Server.Worker.Busy.Count == 0,
        "the server to have nothing queued, running or due");

    /// <summary>Waits until the connection has <paramref name="count"/> finished runs; returns them, oldest first.</summary>
    public async Task<IReadOnlyList<SyncRun>> WaitForRunsAsync(Connection connection, int count)
    {
        IReadOnlyList<SyncRun> runs = [];
        await WaitUntilAsync(async () =>
        {
            runs = await RunsAsync(connection);
            return runs.Count(r => r.Outcome != RunOutcome.Running) >= count;
        }, $"{count} finished run(s) of {connection.Name}");
        return runs;
    }

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; fails after 60 s of real time, naming what it waited for and what
    /// <paramref name="explain"/> says of the state it found.
    /// </summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Func<Task<string>>? explain = null)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Gave up waiting for {what}.{(explain is null ? "" : " " + await explain())}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The connection's runs and open issues, in words, for a failure message.</summary>
    public async Task<string> ExplainAsync(Connection connection)
    {
        var runs = await RunsAsync(connection);
        var issues = await State.Runs.ListOpenIssuesAsync(connection.Id, CancellationToken.None);
        return "Runs: " + string.Join("; ", runs.Select(r => $"{r.Trigger} {r.Outcome} {string.Join(",", r.Counts.Where(c => c.Value != 0).Select(c => $"{c.Key}={c.Value}"))} {r.Error}"))
            + ". Issues: " + string.Join("; ", issues.Select(i => $"{i.Reference}: {i.Message}"));
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

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
