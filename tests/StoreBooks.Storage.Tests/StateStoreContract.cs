using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using Xunit;

namespace StoreBooks.Storage.Tests;

/// <summary>
/// What every state store must do, whatever the database: one subclass per implementation (SQLite now, PostgreSQL later)
/// supplies a fresh, empty database per test and opens store instances on it.
/// </summary>
public abstract class StateStoreContract : IAsyncLifetime
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
        Assert.Equal(connection.CreatedAt, read.CreatedAt);
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
        Assert.Equal(Time.GetUtcNow(), read.UpdatedAt);

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
        Assert.Equal(Time.GetUtcNow(), read.UpdatedAt);
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

    // ---- links

    [Fact]
    public async Task Link_reserve_creates_a_pending_link_once()
    {
        var connection = await AddConnectionAsync();
        var reserved = await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "450789469", Ct);

        Assert.Equal(LinkState.Pending, reserved.State);
        Assert.Equal(1, reserved.Attempt);
        Assert.Equal(connection.Id, reserved.ConnectionId);
        Assert.Equal(LinkKind.Sale, reserved.Kind);
        Assert.Equal("450789469", reserved.SourceId);
        Assert.Null(reserved.QboId);
        Assert.Equal(Time.GetUtcNow(), reserved.UpdatedAt);
        Assert.True(reserved.RequestId.Length <= 36);

        Time.Advance(TimeSpan.FromSeconds(1));
        var again = await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "450789469", Ct);
        Assert.Equal(reserved, again);

        // Same source id, other kind or other connection: other links.
        var item = await Store.Links.ReserveAsync(connection.Id, LinkKind.Item, "450789469", Ct);
        Assert.NotEqual(reserved.Id, item.Id);
        var otherConnection = await AddConnectionAsync("other-shop");
        var elsewhere = await Store.Links.ReserveAsync(otherConnection.Id, LinkKind.Sale, "450789469", Ct);
        Assert.NotEqual(reserved.Id, elsewhere.Id);
    }

    [Fact]
    public async Task Link_reserve_is_idempotent_under_concurrency_across_store_instances()
    {
        var connection = await AddConnectionAsync();
        var other = await OpenAsync();

        var reserves = Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).Links.ReserveAsync(connection.Id, LinkKind.Sale, "1043", Ct), Ct));
        var links = await Task.WhenAll(reserves);

        Assert.Single(links.Select(l => l.Id).Distinct());
        Assert.Single(await Store.Links.ListAsync(connection.Id, null, null, Ct));
    }

    [Fact]
    public async Task Link_save_writes_every_field_and_keeps_created_with()
    {
        var connection = await AddConnectionAsync();
        var reserved = await Store.Links.ReserveAsync(connection.Id, LinkKind.Item, "organic-tee:Large / Blue", Ct);
        Time.Advance(TimeSpan.FromSeconds(3));

        var done = reserved with
        {
            State = LinkState.Done,
            QboId = "42",
            QboSyncToken = "0",
            Fingerprint = "sha256:abc",
            CreatedWith = "{\"Name\":\"Organic Tee - Large / Blue\"}",
            Message = null,
        };
        await Store.Links.SaveAsync(done, Ct);
        var read = await Store.Links.FindAsync(connection.Id, LinkKind.Item, "organic-tee:Large / Blue", Ct);
        Assert.Equal(done with { UpdatedAt = Time.GetUtcNow() }, read);

        Time.Advance(TimeSpan.FromSeconds(3));
        var retried = done with { State = LinkState.Failed, Attempt = 2, QboSyncToken = "1", CreatedWith = "{\"Name\":\"changed\"}", Message = "QuickBooks refused: duplicate name" };
        await Store.Links.SaveAsync(retried, Ct);
        read = await Store.Links.FindAsync(connection.Id, LinkKind.Item, "organic-tee:Large / Blue", Ct);
        Assert.Equal(LinkState.Failed, read!.State);
        Assert.Equal(2, read.Attempt);
        Assert.Equal("1", read.QboSyncToken);
        Assert.Equal("QuickBooks refused: duplicate name", read.Message);
        Assert.Equal("{\"Name\":\"Organic Tee - Large / Blue\"}", read.CreatedWith);
        Assert.NotEqual(reserved.RequestId, read.RequestId);
    }

    [Fact]
    public async Task Link_save_of_a_second_link_for_the_same_record_is_refused()
    {
        var connection = await AddConnectionAsync();
        await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "1043", Ct);
        var impostor = new Link { Id = Guid.NewGuid(), ConnectionId = connection.Id, Kind = LinkKind.Sale, SourceId = "1043", State = LinkState.Done };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Links.SaveAsync(impostor, Ct));
        Assert.Single(await Store.Links.ListAsync(connection.Id, LinkKind.Sale, null, Ct));
    }

    [Fact]
    public async Task Link_find_many_returns_the_existing_ones_keyed_by_source_id()
    {
        var connection = await AddConnectionAsync();
        var ids = Enumerable.Range(1, 1200).Select(i => $"sku-{i}").ToList();
        foreach (var id in ids.Where((_, i) => i % 3 == 0))
        {
            await Store.Links.ReserveAsync(connection.Id, LinkKind.Item, id, Ct);
        }

        await Store.Links.ReserveAsync(connection.Id, LinkKind.Customer, "sku-2", Ct);

        var found = await Store.Links.FindManyAsync(connection.Id, LinkKind.Item, ids, Ct);

        Assert.Equal(400, found.Count);
        Assert.All(found, pair => Assert.Equal(pair.Key, pair.Value.SourceId));
        Assert.True(found.ContainsKey("sku-1"));
        Assert.False(found.ContainsKey("sku-2"));
        Assert.True(found.ContainsKey("sku-1198"));
        Assert.Empty(await Store.Links.FindManyAsync(connection.Id, LinkKind.Item, [], Ct));
        Assert.Empty(await Store.Links.FindManyAsync(connection.Id, LinkKind.Refund, ids, Ct));
    }

    [Fact]
    public async Task Link_list_filters_by_kind_and_state_oldest_change_first()
    {
        var connection = await AddConnectionAsync();
        var a = await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "a", Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        var b = await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "b", Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Store.Links.ReserveAsync(connection.Id, LinkKind.Item, "c", Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Store.Links.SaveAsync(a with { State = LinkState.Failed, Message = "no item" }, Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Store.Links.SaveAsync(b with { State = LinkState.Failed, Message = "no item" }, Ct);

        Assert.Equal(["c", "a", "b"], (await Store.Links.ListAsync(connection.Id, null, null, Ct)).Select(l => l.SourceId));
        Assert.Equal(["a", "b"], (await Store.Links.ListAsync(connection.Id, LinkKind.Sale, null, Ct)).Select(l => l.SourceId));
        Assert.Equal(["a", "b"], (await Store.Links.ListAsync(connection.Id, null, LinkState.Failed, Ct)).Select(l => l.SourceId));
        Assert.Equal(["c"], (await Store.Links.ListAsync(connection.Id, LinkKind.Item, LinkState.Pending, Ct)).Select(l => l.SourceId));
        Assert.Empty(await Store.Links.ListAsync(connection.Id, LinkKind.Sale, LinkState.Done, Ct));
    }

    // ---- cursors

    [Fact]
    public async Task Cursor_set_and_get_per_stream_exactly()
    {
        var connection = await AddConnectionAsync();
        Assert.Null(await Store.Cursors.GetAsync(connection.Id, "orders", Ct));

        var bookmark = new DateTimeOffset(2025, 10, 2, 17, 9, 34, TimeSpan.FromHours(-3)).AddTicks(9876543);
        await Store.Cursors.SetAsync(connection.Id, "orders", bookmark, Ct);
        var read = await Store.Cursors.GetAsync(connection.Id, "orders", Ct);
        Assert.Equal(bookmark, read);
        Assert.Equal(bookmark.UtcTicks, read!.Value.UtcTicks);
        Assert.Null(await Store.Cursors.GetAsync(connection.Id, "products", Ct));

        var later = bookmark.AddDays(1);
        await Store.Cursors.SetAsync(connection.Id, "orders", later, Ct);
        Assert.Equal(later, await Store.Cursors.GetAsync(connection.Id, "orders", Ct));

        // Moving back is allowed (a --since or full refresh rewinds it).
        await Store.Cursors.SetAsync(connection.Id, "orders", bookmark, Ct);
        Assert.Equal(bookmark, await Store.Cursors.GetAsync(connection.Id, "orders", Ct));
    }

    // ---- runs and issues

    [Fact]
    public async Task Run_starts_finishes_and_lists_newest_first()
    {
        var connection = await AddConnectionAsync();
        var started = Time.GetUtcNow();
        var first = await Store.Runs.StartAsync(connection.Id, "manual", started, Ct);
        Assert.Equal(RunOutcome.Running, first.Outcome);

        var finished = first with
        {
            FinishedAt = started.AddSeconds(12),
            Outcome = RunOutcome.NeedsAttention,
            Counts = new Dictionary<string, int> { ["sales.created"] = 38, ["issues"] = 2 },
        };
        await Store.Runs.FinishAsync(finished, Ct);
        var second = await Store.Runs.StartAsync(connection.Id, "schedule", started.AddHours(1), Ct);

        var runs = await Store.Runs.ListRunsAsync(connection.Id, 10, Ct);
        Assert.Equal([second.Id, first.Id], runs.Select(r => r.Id));
        var read = runs[1];
        Assert.Equal("manual", read.Trigger);
        Assert.Equal(RunOutcome.NeedsAttention, read.Outcome);
        Assert.Equal(finished.FinishedAt, read.FinishedAt);
        Assert.Equal(38, read.Counts["sales.created"]);
        Assert.Equal(2, read.Counts["issues"]);
        Assert.Null(runs[0].FinishedAt);
        Assert.Single(await Store.Runs.ListRunsAsync(connection.Id, 1, Ct));
    }

    [Fact]
    public async Task Issue_one_open_per_record_refreshed_then_resolved()
    {
        var connection = await AddConnectionAsync();
        var run = await Store.Runs.StartAsync(connection.Id, "manual", Time.GetUtcNow(), Ct);
        var firstRaised = Time.GetUtcNow();
        var issue = new SyncIssue
        {
            Id = Guid.NewGuid(),
            ConnectionId = connection.Id,
            RunId = run.Id,
            Kind = LinkKind.Sale,
            SourceId = "1043",
            Reference = "order #1043",
            Message = "line 2: SKU ABC-1 has no QuickBooks item",
            RaisedAt = firstRaised,
        };
        await Store.Runs.RaiseAsync(issue, Ct);
        Time.Advance(TimeSpan.FromHours(1));
        var run2 = await Store.Runs.StartAsync(connection.Id, "retry", Time.GetUtcNow(), Ct);
        await Store.Runs.RaiseAsync(issue with { Id = Guid.NewGuid(), RunId = run2.Id, Message = "line 2: SKU ABC-1 is inactive in QuickBooks", RaisedAt = Time.GetUtcNow() }, Ct);
        await Store.Runs.RaiseAsync(issue with { Id = Guid.NewGuid(), SourceId = "1044", Reference = "order #1044", RaisedAt = Time.GetUtcNow() }, Ct);

        var open = await Store.Runs.ListOpenIssuesAsync(connection.Id, Ct);
        Assert.Equal(2, open.Count);
        var refreshed = open.Single(i => i.SourceId == "1043");
        Assert.Equal(issue.Id, refreshed.Id);
        Assert.Equal(firstRaised, refreshed.RaisedAt);
        Assert.Equal(run2.Id, refreshed.RunId);
        Assert.Equal("line 2: SKU ABC-1 is inactive in QuickBooks", refreshed.Message);
        Assert.Null(refreshed.ResolvedAt);

        await Store.Runs.ResolveAsync(connection.Id, LinkKind.Sale, "1043", Time.GetUtcNow(), Ct);
        Assert.Equal(["1044"], (await Store.Runs.ListOpenIssuesAsync(connection.Id, Ct)).Select(i => i.SourceId));

        // A new problem with the resolved record opens a new issue.
        var reopened = issue with { Id = Guid.NewGuid(), Message = "again", RaisedAt = Time.GetUtcNow() };
        await Store.Runs.RaiseAsync(reopened, Ct);
        var now = await Store.Runs.ListOpenIssuesAsync(connection.Id, Ct);
        Assert.Equal(reopened.Id, now.Single(i => i.SourceId == "1043").Id);
    }

    // ---- schema and processes

    [Fact]
    public async Task Migrations_rerun_safely_and_keep_the_data()
    {
        var connection = await AddConnectionAsync();
        await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "1043", Ct);

        await MigrateAgainAsync(Ct);
        await MigrateAgainAsync(Ct);
        var reopened = await OpenAsync();

        Assert.Equal(connection.Id, (await reopened.Connections.FindByNameAsync("main-shop", Ct))?.Id);
        Assert.NotNull(await reopened.Links.FindAsync(connection.Id, LinkKind.Sale, "1043", Ct));
    }

    [Fact]
    public async Task Two_store_instances_see_each_others_writes()
    {
        var other = await OpenAsync();
        var connection = await AddConnectionAsync();

        var seen = await other.Connections.GetAsync(connection.Id, Ct);
        Assert.Equal("main-shop", seen?.Name);

        Assert.True(await other.Credentials.TrySaveAsync(connection.Id, "quickbooks", "RT-from-server", 0, Ct));
        Assert.Equal("RT-from-server", (await Store.Credentials.GetAsync(connection.Id, "quickbooks", Ct))?.Value);

        await Store.Cursors.SetAsync(connection.Id, "orders", Time.GetUtcNow(), Ct);
        Assert.Equal(Time.GetUtcNow(), await other.Cursors.GetAsync(connection.Id, "orders", Ct));

        var link = await other.Links.ReserveAsync(connection.Id, LinkKind.Customer, "ann@example.com", Ct);
        await Store.Links.SaveAsync(link with { State = LinkState.Done, QboId = "58" }, Ct);
        Assert.Equal("58", (await other.Links.FindAsync(connection.Id, LinkKind.Customer, "ann@example.com", Ct))?.QboId);
    }
}
