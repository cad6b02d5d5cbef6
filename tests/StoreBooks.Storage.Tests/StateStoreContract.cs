using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using Xunit;

namespace StoreBooks.Storage.Tests;

/// <summary>
/// What every state store must do, whatever the database: one subclass per implementation (SQLite, PostgreSQL)
/// supplies a fresh, empty database per test and opens store instances on it.
/// </summary>
public abstract partial class StateStoreContract : IAsyncLifetime
{
    private readonly List<IStateStore> _opened = [];

    /// <summary>The clock every store of the test stamps writes with.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 10, 2, 20, 9, 34, TimeSpan.Zero).AddTicks(1234567));

    /// <summary>The first store opened on the test's database.</summary>
    protected IStateStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Opens another store instance on the test's database, as a second process would (same database, same secret key,
    /// <see cref="Time"/> as its clock).
    /// </summary>
    protected abstract Task<IStateStore> OpenStoreAsync(CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="value"/> as the store keeps it: SQLite keeps every tick; PostgreSQL keeps microseconds, cut down (never later
    /// than written, so a cursor read back never skips a record).
    /// </summary>
    protected virtual DateTimeOffset Stored(DateTimeOffset value) => value;

    /// <summary>Runs the schema migrations again on the test's database.</summary>
    protected abstract Task MigrateAgainAsync(CancellationToken cancellationToken);

    public virtual async ValueTask InitializeAsync()
    {
        Store = await OpenAsync().ConfigureAwait(false);
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    protected async Task<IStateStore> OpenAsync()
    {
        var store = await OpenStoreAsync(Ct).ConfigureAwait(false);
        _opened.Add(store);
        return store;
    }

    protected async Task<Connection> AddConnectionAsync(string name = "main-shop")
    {
        var connection = new Connection
        {
            Id = Guid.NewGuid(),
            Name = name,
            SourceKind = "csv",
            SourceSettings = new JsonObject { ["ordersPath"] = "/data/orders.csv" },
        };
        await Store.Connections.AddAsync(connection, Ct);
        return connection;
    }

    // ---- connections

    [Fact]
    public async Task Connection_round_trips_with_settings_and_times()
    {
        var connection = new Connection
        {
            Id = Guid.NewGuid(),
            Name = "maple-and-thread",
            SourceKind = "shopify",
            SourceSettings = new JsonObject { ["shop"] = "maple.myshopify.com", ["apiVersion"] = "2025-07" },
            QboRealmId = "9341453050071066",
            QboBaseUrl = "http://127.0.0.1:5055/",
            Settings = new JsonObject { ["sales"] = new JsonObject { ["document"] = "SalesReceipt" } },
            CreatedAt = new DateTimeOffset(2025, 9, 1, 8, 30, 0, TimeSpan.FromHours(-4)),
        };
        await Store.Connections.AddAsync(connection, Ct);

        var read = await Store.Connections.GetAsync(connection.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal("maple-and-thread", read.Name);
        Assert.Equal("shopify", read.SourceKind);
        Assert.Equal("maple.myshopify.com", (string?)read.SourceSettings["shop"]);
        Assert.Equal("SalesReceipt", (string?)read.Settings["sales"]!["document"]);
        Assert.Equal("9341453050071066", read.QboRealmId);
        Assert.Equal("http://127.0.0.1:5055/", read.QboBaseUrl);
        Assert.Equal(Stored(connection.CreatedAt), read.CreatedAt);
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
        Assert.Equal(Stored(Time.GetUtcNow()), read.UpdatedAt);

        var byName = await Store.Connections.FindByNameAsync("maple-and-thread", Ct);
        Assert.Equal(connection.Id, byName?.Id);
        Assert.Null(await Store.Connections.FindByNameAsync("other", Ct));
        Assert.Null(await Store.Connections.GetAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task Connection_name_is_unique_with_a_clear_error()
    {
        await AddConnectionAsync("main-shop");
        var duplicate = new Connection { Id = Guid.NewGuid(), Name = "main-shop", SourceKind = "csv" };

        var error = await Assert.ThrowsAsync<ConnectionNameTakenException>(() => Store.Connections.AddAsync(duplicate, Ct));

        Assert.Equal("main-shop", error.Name);
        Assert.Contains("\"main-shop\" already exists", error.Message, StringComparison.Ordinal);
        Assert.Single(await Store.Connections.ListAsync(Ct));
    }

    [Fact]
    public async Task Connection_update_changes_settings_and_refuses_a_taken_name()
    {
        var first = await AddConnectionAsync("first");
        var second = await AddConnectionAsync("second");
        Time.Advance(TimeSpan.FromMinutes(5));

        await Store.Connections.UpdateAsync(first with { QboRealmId = "123", SourceSettings = new JsonObject { ["ordersPath"] = "/new.csv" } }, Ct);
        var read = await Store.Connections.GetAsync(first.Id, Ct);
        Assert.Equal("123", read!.QboRealmId);
        Assert.Equal("/new.csv", (string?)read.SourceSettings["ordersPath"]);
        Assert.Equal(Stored(Time.GetUtcNow()), read.UpdatedAt);
        Assert.True(read.CreatedAt < read.UpdatedAt);

        await Assert.ThrowsAsync<ConnectionNameTakenException>(() => Store.Connections.UpdateAsync(second with { Name = "first" }, Ct));
        var missing = new Connection { Id = Guid.NewGuid(), Name = "ghost", SourceKind = "csv" };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Connections.UpdateAsync(missing, Ct));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);

        var names = (await Store.Connections.ListAsync(Ct)).Select(c => c.Name);
        Assert.Equal(["first", "second"], names);
    }

    // ---- credentials

    [Fact]
    public async Task Credential_saves_with_versions_and_decrypts()
    {
        var connection = await AddConnectionAsync();
        Assert.Null(await Store.Credentials.GetAsync(connection.Id, "quickbooks", Ct));

        Assert.True(await Store.Credentials.TrySaveAsync(connection.Id, "quickbooks", "{\"refresh\":\"RT-1\"}", 0, Ct));
        var first = await Store.Credentials.GetAsync(connection.Id, "quickbooks", Ct);
        Assert.Equal(new StoredSecret("{\"refresh\":\"RT-1\"}", 1), first);

        Assert.False(await Store.Credentials.TrySaveAsync(connection.Id, "quickbooks", "stale", 0, Ct));
        Assert.True(await Store.Credentials.TrySaveAsync(connection.Id, "quickbooks", "{\"refresh\":\"RT-2\"}", 1, Ct));
        Assert.False(await Store.Credentials.TrySaveAsync(connection.Id, "quickbooks", "stale", 1, Ct));
        Assert.Equal(new StoredSecret("{\"refresh\":\"RT-2\"}", 2), await Store.Credentials.GetAsync(connection.Id, "quickbooks", Ct));

        // Systems are separate secrets.
        Assert.Null(await Store.Credentials.GetAsync(connection.Id, "shopify", Ct));
        Assert.True(await Store.Credentials.TrySaveAsync(connection.Id, "shopify", "shpat_123", 0, Ct));
        Assert.Equal("shpat_123", (await Store.Credentials.GetAsync(connection.Id, "shopify", Ct))!.Value);
    }

    [Fact]
    public async Task Credential_of_two_concurrent_writers_with_the_same_version_only_one_wins()
    {
        var connection = await AddConnectionAsync();
        Assert.True(await Store.Credentials.TrySaveAsync(connection.Id, "quickbooks", "RT-0", 0, Ct));
        var other = await OpenAsync();

        for (var round = 1; round <= 10; round++)
        {
            var expected = round;
            var writers = Enumerable.Range(0, 8).Select(i =>
                Task.Run(() => (i % 2 == 0 ? Store : other).Credentials.TrySaveAsync(connection.Id, "quickbooks", $"RT-{expected}-{i}", expected, Ct), Ct));
            var results = await Task.WhenAll(writers);

            Assert.Equal(1, results.Count(r => r));
            var winner = Array.IndexOf(results, true);
            Assert.Equal(new StoredSecret($"RT-{expected}-{winner}", expected + 1), await Store.Credentials.GetAsync(connection.Id, "quickbooks", Ct));
        }
    }

    [Fact]
    public async Task Credential_for_a_missing_connection_is_refused_clearly()
    {
        var ghost = Guid.NewGuid();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Credentials.TrySaveAsync(ghost, "quickbooks", "RT-secret-value", 0, Ct));
        Assert.Contains(ghost.ToString(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RT-secret-value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_secret_text_never_shows_the_value()
    {
        var secret = new StoredSecret("RT-very-secret", 3);
        Assert.DoesNotContain("RT-very-secret", secret.ToString(), StringComparison.Ordinal);
        Assert.Contains("Version = 3", secret.ToString(), StringComparison.Ordinal);
    }
}
