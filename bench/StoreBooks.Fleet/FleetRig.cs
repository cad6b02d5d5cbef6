using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.Stores.Demo;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Shopify;
using StoreBooks.Storage;
using StoreBooks.Storage.Secrets;
using StoreBooks.Testing;

namespace StoreBooks.Fleet;

/// <summary>
/// The fleet of one pass: a database of its own; a "small" Shopify shop with a few orders, read by every small connection with a
/// token (and so a REST bucket) of its own, whose emulator also holds every connection's QuickBooks company; a "large" shop with
/// a backfill, read by the large connections; added latency on every store and QuickBooks call; and, as documents are created,
/// the time each realm got each one.
/// </summary>
internal sealed class FleetRig : IAsyncDisposable
{
    public const string WebhookSecret = "fleet-webhook-secret";
    private const int Seed = 2026;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _documents = new(StringComparer.Ordinal);
    private int _added;

    private FleetRig(FleetOptions options, FleetDatabase database, EmulatorServer small, EmulatorServer large, string key, List<FleetConnection> connections)
    {
        Options = options;
        Database = database;
        Small = small;
        Large = large;
        Key = key;
        Connections = connections;
        small.Qbo.Companies.Changed += change =>
        {
            if (change.Operation == "Create" && change.EntityName is "SalesReceipt" or "Invoice")
            {
                _documents.GetOrAdd(change.RealmId, _ => new()).Enqueue(DateTimeOffset.UtcNow);
            }
        };
    }

    public FleetOptions Options { get; }

    public FleetDatabase Database { get; }

    public EmulatorServer Small { get; }

    public EmulatorServer Large { get; }

    /// <summary>The operator's key (base64), given to every process.</summary>
    public string Key { get; }

    public IReadOnlyList<FleetConnection> Connections { get; }

    /// <summary>Sales documents created in QuickBooks so far, all companies.</summary>
    public int Documents => _documents.Values.Sum(q => q.Count);

    /// <summary>When <paramref name="realm"/> got its documents.</summary>
    public IReadOnlyList<DateTimeOffset> DocumentTimes(string realm) => _documents.TryGetValue(realm, out var times) ? [.. times] : [];

    public static async Task<FleetRig> CreateAsync(FleetOptions options)
    {
        var database = await FleetDatabase.CreateAsync();
        var tokens = Enumerable.Range(0, options.Connections).Select(Token).ToList();
        var small = await StartShopAsync(options, tokens);
        var large = await StartShopAsync(options, tokens);
        var now = DateTimeOffset.UtcNow;
        small.Shopify.AddGeneratedOrders(OrderPlanGenerator.Between(Seed, 0, options.Orders, now.AddDays(-20), now.AddDays(-3), new GeneratedCatalog(options.Orders, options.Orders + 2)));
        large.Shopify.AddGeneratedOrders(OrderPlanGenerator.Between(Seed + 1, 0, options.LargeOrders, now.AddDays(-60), now.AddDays(-3),
            new GeneratedCatalog(Math.Max(1, options.LargeOrders / 4), 300)));

        var keyText = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var key = SecretKey.FromBase64(keyText, "the fleet bench's key");
        var connections = new List<FleetConnection>(options.Connections);
        await using (var state = await StateStore.OpenPostgresAsync(database.ConnectionString, OperatorKeys.Of(key), TimeProvider.System, CancellationToken.None))
        {
            for (var i = 0; i < options.Connections; i++)
            {
                var isLarge = i % Math.Max(1, options.Connections / Math.Max(1, options.Large)) == 0 && connections.Count(c => c.IsLarge) < options.Large;
                var realm = (9_140_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
                small.Qbo.Companies.Create(QboCompanySettings.DefaultUs with { RealmId = realm });
                small.Qbo.Traffic.SetFaults(realm, new QboFaultSettings { LatencyMs = options.QboLatencyMs });
                var shop = isLarge ? large : small;
                var connection = new Connection
                {
                    Id = Guid.NewGuid(),
                    Name = $"{(isLarge ? "large" : "small")}-{i:0000}",
                    SourceKind = ShopifySource.SourceKind,
                    SourceSettings = new JsonObject { [ShopifySource.ShopSetting] = "demo-shop.myshopify.com", [ShopifySource.BaseUrlSetting] = shop.BaseUrl.AbsoluteUri },
                    QboRealmId = realm,
                    QboBaseUrl = small.BaseUrl.AbsoluteUri,
                    // Every six hours: within the pass, each connection runs once (its first sync) unless a webhook asks for more.
                    Settings = new ConnectionSettings { SyncInterval = TimeSpan.FromHours(6), Products = new ProductSettings { Mode = ItemMode.Automatic, IncomeAccount = "13" } }.ToJson(),
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                await state.Connections.AddAsync(connection, CancellationToken.None);
                await EmulatedCredentials.SaveAsync(small, state, connection, tokens[i]);
                await WebhookSecrets.SaveAsync(state.Credentials, connection.Id, WebhookSecrets.Shopify, WebhookSecret, CancellationToken.None);
                connections.Add(new FleetConnection(connection.Id, realm, isLarge));
            }
        }

        return new FleetRig(options, database, small, large, keyText, connections);
    }

    /// <summary>Places one more order in the small shop (every small connection will see it), dated an hour ago.</summary>
    public void AddSmallOrder()
    {
        var now = DateTimeOffset.UtcNow;
        var index = Options.Orders + Interlocked.Increment(ref _added) - 1;
        Small.Shopify.AddGeneratedOrders(OrderPlanGenerator.Between(Seed, index, 1, now.AddHours(-2), now.AddHours(-1), new GeneratedCatalog(Options.Orders, Options.Orders + 2)));
    }

    public async ValueTask DisposeAsync()
    {
        await Small.DisposeAsync();
        await Large.DisposeAsync();
        await Database.DisposeAsync();
    }

    private static string Token(int i) => $"shpat_fleet_{i:0000}";

    private static async Task<EmulatorServer> StartShopAsync(FleetOptions options, IReadOnlyList<string> tokens)
    {
        // Every small connection reads one emulated shop as a shop of its own would be read: its own token, so its own REST bucket
        // (40 calls, 2 a second); the query-cost bucket, one per shop on Shopify, is made as large as the fleet's.
        var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Shopify = new()
            {
                DemoData = false,
                AccessTokens = tokens,
                GraphQLMaximumAvailable = 1_000 * options.Connections,
                GraphQLRestoreRate = 50 * options.Connections,
            },
        });
        server.Shopify.Faults.Apply(new FaultSettings { LatencyMs = options.StoreLatencyMs });
        return server;
    }
}

/// <summary>One connection of the fleet: its id, its QuickBooks company, and whether it reads the large shop.</summary>
internal sealed record FleetConnection(Guid Id, string Realm, bool IsLarge);
