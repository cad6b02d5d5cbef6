using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Hosting.QuickBooksLimits;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Batch;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Storage;
using StoreBooks.Storage.Secrets;

namespace StoreBooks.Hosting.Tests.QuickBooksLimits;

/// <summary>
/// One QBO emulator company with QBO's limits scaled down (40 requests per 2 s window, 10 in flight, each call 30 ms) and a
/// database migrated to the latest schema: "processes" made on it each have their own limits, clients and connection pool, as
/// separate <c>storebooks serve</c> processes would.
/// </summary>
public sealed class SharedBudgetRig : IAsyncDisposable
{
    public static QboLimits EmulatorLimits { get; } = new()
    {
        RequestsPerWindow = 40,
        Window = TimeSpan.FromSeconds(2),
        MaxInFlight = 10,
        BatchesPerWindow = 4,
        BatchesPerWindowPerApp = 0,
    };

    /// <summary>The clients' limits: the emulator's, with 150 ms of margin on the 2 s window for a busy two-core machine.</summary>
    public static QboLimitsOptions ClientLimits { get; } = new()
    {
        RequestsPerWindow = EmulatorLimits.RequestsPerWindow,
        Window = EmulatorLimits.Window,
        MaxInFlight = EmulatorLimits.MaxInFlight,
        BatchesPerWindow = EmulatorLimits.BatchesPerWindow,
        SegmentsPerWindow = 10,
        SafetyMargin = TimeSpan.FromMilliseconds(150),
    };

    private readonly List<IAsyncDisposable> _owned = [];

    private SharedBudgetRig(TestDatabase database, EmulatorServer emulator, HttpClient http, QboOAuthEndpoints endpoints)
    {
        Database = database;
        Emulator = emulator;
        Http = http;
        Endpoints = endpoints;
    }

    public TestDatabase Database { get; }

    public EmulatorServer Emulator { get; }

    public string RealmId => Emulator.Qbo.Companies.DefaultRealmId;

    public QboTrafficCounters Counters => Emulator.Qbo.Traffic.GetCounters(RealmId);

    private HttpClient Http { get; }

    private QboOAuthEndpoints Endpoints { get; }

    public static async Task<SharedBudgetRig> CreateAsync(CancellationToken cancellationToken)
    {
        var database = await TestDatabase.CreateAsync();
        // The state store migrates the database (qbo_realm_permits and qbo_realm_slots are migration 11).
        await using (await StateStore.OpenPostgresAsync(database.ConnectionString, OperatorKeys.Of(SecretKey.Generate("the budget tests' key")), TimeProvider.System, cancellationToken))
        {
        }

        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Qbo = new QboEmulatorOptions { Limits = EmulatorLimits, Faults = new QboFaultSettings { LatencyMs = 30 } },
        }, cancellationToken);
        var http = new HttpClient();
        var endpoints = await QboDiscovery.DiscoverAsync(http, QboEnvironment.At(emulator.BaseUrl), cancellationToken);
        return new SharedBudgetRig(database, emulator, http, endpoints);
    }

    /// <summary>A budget on the rig's database, as one process makes it; disposed with the rig unless the test does first.</summary>
    public PostgresRealmBudget Budget(TimeSpan? slotLease = null, TimeSpan? slotPoll = null)
    {
        var budget = new PostgresRealmBudget(Database.ConnectionString, ClientLimits, slotLease, slotPoll ?? TimeSpan.FromMilliseconds(10));
        _owned.Add(budget);
        return budget;
    }

    /// <summary>One process's QuickBooks client: its own limits (behind <paramref name="shared"/> when given) and connection.</summary>
    public async Task<QboClient> ProcessClientAsync(IQboSharedBudget? shared, CancellationToken cancellationToken)
    {
        var limits = new QboRealmLimits(ClientLimits, shared);
        _owned.Add(limits);
        var store = new InMemoryQboTokenStore();
        var key = "process-" + Guid.NewGuid().ToString("N")[..8];
        var issued = Emulator.Qbo.OAuth.IssueTokens(RealmId);
        await QboTokenKeeper.SaveNewConnectionAsync(store, key, new QboTokenSet(issued.AccessToken, issued.RefreshToken, issued.AccessTokenExpiresAt, null, RealmId), cancellationToken);
        var oauth = new QboOAuthClient(Http, Endpoints, new QboAppCredentials("demo-client", "demo-secret"));
        return new QboClient(new QboClientOptions
        {
            Environment = QboEnvironment.At(Emulator.BaseUrl),
            RealmId = RealmId,
            Tokens = new QboTokenKeeper(key, store, oauth),
            Limits = limits,
            // No retries: a 429 is counted, not waited out.
            Retry = new QboRetryOptions { MaxRetryAttempts = 0 },
        });
    }

    /// <summary>
    /// Two processes' clients calling the company at once, <paramref name="callsEach"/> calls each after two each to warm up
    /// (whose counts are then reset; their requests stay in the emulator's window). Returns the 429s the clients saw.
    /// </summary>
    public async Task<int> HammerAsync(QboClient first, QboClient second, int callsEach, CancellationToken cancellationToken)
    {
        foreach (var client in new[] { first, second })
        {
            for (var i = 0; i < 2; i++)
            {
                await client.GetCompanyInfoAsync(cancellationToken);
            }
        }

        Emulator.Qbo.Traffic.ResetCounters(RealmId);
        var throttled = 0;
        await Task.WhenAll(Enumerable.Range(0, 2 * callsEach).Select(async i =>
        {
            try
            {
                await (i % 2 == 0 ? first : second).GetCompanyInfoAsync(cancellationToken);
            }
            catch (QboThrottledException)
            {
                Interlocked.Increment(ref throttled);
            }
        }));
        return throttled;
    }

    /// <summary>
    /// Two processes' clients sending <paramref name="batchesEach"/> batch requests each at once (one query apiece), after one each
    /// to warm up (whose counts are then reset). Returns the 429s the clients saw.
    /// </summary>
    public async Task<int> HammerBatchesAsync(QboClient first, QboClient second, int batchesEach, CancellationToken cancellationToken)
    {
        Task SendAsync(QboClient client) => client.Batch.ExecuteAsync([QboBatchOperation.Select(client.Customers.Where())], null, cancellationToken);
        await SendAsync(first);
        await SendAsync(second);
        Emulator.Qbo.Traffic.ResetCounters(RealmId);
        var throttled = 0;
        await Task.WhenAll(Enumerable.Range(0, 2 * batchesEach).Select(async i =>
        {
            try
            {
                await SendAsync(i % 2 == 0 ? first : second);
            }
            catch (QboThrottledException)
            {
                Interlocked.Increment(ref throttled);
            }
        }));
        return throttled;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        Http.Dispose();
        await Emulator.DisposeAsync();
        await Database.DisposeAsync();
    }
}
