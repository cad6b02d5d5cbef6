using StoreBooks.Core.State;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.Shopify;
using StoreBooks.Storage;
using StoreBooks.Storage.Moving;
using StoreBooks.Web;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>
/// <c>storebooks migrate --from-home</c> on the real SQLite and PostgreSQL with the emulators: a home that has synced moves into a
/// workspace of the hosted database and the next sync there posts nothing twice; a move that cannot be done changes nothing.
/// </summary>
public sealed class HomeMoveTests : IDisposable
{
    private readonly string _homeDirectory = Path.Combine(Path.GetTempPath(), $"storebooks-move-{Guid.NewGuid():N}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_home_that_has_synced_moves_into_a_workspace_and_the_next_sync_from_the_database_posts_nothing_twice()
    {
        await using var rig = await HostedRig.CreateAsync();
        const string realm = "9130360000000700";
        var home = StoreBooksHome.Resolve(_homeDirectory, _ => null);

        // The merchant's single machine: a home, a shop and a QuickBooks company, synced once by serve.
        Guid connectionId;
        long posted;
        await using (var homeState = await StateStore.OpenSqliteAsync(home, Ct))
        {
            connectionId = (await rig.AddConnectedShopAsync("moving-shop", realm, homeState)).Id;
            await using var server = await StoreBooksServer.StartAsync(homeState, new ServeOptions
            {
                Urls = ["http://127.0.0.1:0"],
                DispatchInterval = TimeSpan.FromSeconds(1),
                LockDirectory = home.LocksDirectory,
            }, cancellationToken: Ct);
            await HostedRig.WaitUntilAsync(
                async () => (await homeState.Runs.ListRunsAsync(connectionId, 5, Ct)).Any(r => r.Outcome != RunOutcome.Running),
                TimeSpan.FromSeconds(90),
                "the home's first sync");
            var run = Assert.Single(await homeState.Runs.ListRunsAsync(connectionId, 5, Ct));
            Assert.NotEqual(RunOutcome.Failed, run.Outcome);
            posted = run.Counts["orders.posted"];
            Assert.True(posted > 0);
        }

        var documentsBefore = await rig.DocNumbersAsync(realm);
        Assert.Equal(posted, documentsBefore.Count);

        var report = await HomeMove.MoveAsync(home, rig.Database.ConnectionString, rig.Key, "Moving Shop Ltd", TimeProvider.System, Ct);

        Assert.True(report.WorkspaceCreated);
        Assert.Equal(1, report["connections"]);
        Assert.Equal(1, report["sync_runs"]);
        Assert.True(report["links"] >= posted);
        Assert.True(report["cursors"] > 0);
        var moved = await rig.State.Connections.GetAsync(connectionId, Ct);
        Assert.Equal(report.WorkspaceId, moved?.WorkspaceId);
        Assert.Equal("Moving Shop Ltd", (await rig.State.Workspaces.GetAsync(report.WorkspaceId, Ct))?.Name);
        Assert.Equal("demo-token", (await rig.State.Credentials.GetAsync(connectionId, ShopifySource.SourceKind, Ct))?.Value);
        // Every credential re-protected with the database's key ring (format 2), none left under the home's key.
        Assert.Equal((long)report["credentials"], await rig.Database.ScalarAsync<long>($"SELECT count(*) FROM credentials WHERE connection_id = '{connectionId}' AND get_byte(secret, 0) = 2;"));
        Assert.True(report["credentials"] >= 3);

        // The host syncs it now: every order is linked already, so QuickBooks gets nothing new.
        await rig.State.Schedule.RequestAsync(connectionId, "manual", DateTimeOffset.UtcNow, Ct);
        var process = await rig.StartProcessAsync(ServeRole.All);
        await rig.WaitUntilSyncedAsync([connectionId], process.Engine, TimeSpan.FromSeconds(90));
        await HostedRig.WaitUntilAsync(
            async () => (await rig.RunsAsync(connectionId)).Count(r => r.Outcome != RunOutcome.Running) == 2,
            TimeSpan.FromSeconds(90),
            "the hosted sync after the move");
        var hostedRun = (await rig.RunsAsync(connectionId))[0];
        Assert.NotEqual(RunOutcome.Failed, hostedRun.Outcome);
        Assert.Equal(0, hostedRun.Counts.GetValueOrDefault("orders.posted"));

        var documentsAfter = await rig.DocNumbersAsync(realm);
        Assert.Equal(documentsAfter.Count, documentsAfter.Distinct().Count());
        Assert.Equal(documentsBefore.Order(), documentsAfter.Order());
    }

    [Fact]
    public async Task A_move_into_a_workspace_with_connections_or_with_a_name_the_database_has_is_refused_and_changes_nothing()
    {
        await using var rig = await HostedRig.CreateAsync();
        var home = StoreBooksHome.Resolve(_homeDirectory, _ => null);
        await using (var homeState = await StateStore.OpenSqliteAsync(home, Ct))
        {
            await rig.AddConnectedShopAsync("twice-moved-shop", "9130360000000701", homeState);
        }

        var first = await HomeMove.MoveAsync(home, rig.Database.ConnectionString, rig.Key, "First Home", TimeProvider.System, Ct);
        Assert.Equal(1, first["connections"]);
        var rowsAfterFirst = await CountsAsync(rig);

        var again = await Assert.ThrowsAsync<HomeMoveException>(() => HomeMove.MoveAsync(home, rig.Database.ConnectionString, rig.Key, "First Home", TimeProvider.System, Ct));
        Assert.StartsWith("The workspace \"First Home\" in ", again.Message, StringComparison.Ordinal);
        Assert.Contains("already has 1 connection(s) (twice-moved-shop): a home moves only into a workspace without connections", again.Message, StringComparison.Ordinal);

        var clash = await Assert.ThrowsAsync<HomeMoveException>(() => HomeMove.MoveAsync(home, rig.Database.ConnectionString, rig.Key, "Second Home", TimeProvider.System, Ct));
        Assert.Contains("already has a connection named \"twice-moved-shop\"", clash.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", clash.Message, StringComparison.Ordinal);

        // Neither refusal wrote anything: not even the second workspace.
        Assert.Equal(rowsAfterFirst, await CountsAsync(rig));
        Assert.Null(await rig.State.Workspaces.FindByNameAsync("Second Home", Ct));
    }

    private static async Task<string> CountsAsync(HostedRig rig) =>
        await rig.Database.ScalarAsync<string>(
            "SELECT concat_ws(',', (SELECT count(*) FROM workspaces), (SELECT count(*) FROM connections), (SELECT count(*) FROM credentials), " +
            "(SELECT count(*) FROM links), (SELECT count(*) FROM cursors), (SELECT count(*) FROM users));");

    public void Dispose()
    {
        if (Directory.Exists(_homeDirectory))
        {
            Directory.Delete(_homeDirectory, recursive: true);
        }
    }
}
