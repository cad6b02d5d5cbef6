using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Csv;
using StoreBooks.Web.Tests.Support;
using Xunit;

namespace StoreBooks.Web.Tests.Scheduling;

/// <summary>
/// serve forgets runs older than its retention (<c>--keep-runs-days</c>) on its hourly purge, so a log of a run every
/// 15 minutes does not grow for ever; without a retention every run is kept.
/// </summary>
public sealed class RunRetentionTests
{
    [Fact]
    public async Task Serve_forgets_the_runs_older_than_its_retention_and_keeps_the_recent_ones()
    {
        await using var harness = await ServeHarness.CreateAsync();
        var (connection, old, recent) = await LogAsync(harness);

        await harness.StartServerAsync(options => options with { RunRetention = TimeSpan.FromDays(30) });
        await harness.DispatchPassAsync();

        // The purge is the first pass's (the timer's or this one): wait for it rather than race it.
        await ServeHarness.WaitUntilAsync(async () => !(await IdsAsync(harness, connection)).Intersect(old).Any(), "the old runs to be forgotten");
        Assert.Contains(recent, await IdsAsync(harness, connection));
    }

    [Fact]
    public async Task Serve_without_a_retention_keeps_every_run()
    {
        await using var harness = await ServeHarness.CreateAsync();
        var (connection, old, recent) = await LogAsync(harness);

        await harness.StartServerAsync(options => options with { RunRetention = null });
        await harness.DispatchPassAsync();
        await harness.WaitIdleAsync();

        var kept = await IdsAsync(harness, connection);
        Assert.Equal(old.Append(recent).Order(), kept.Intersect(old.Append(recent)).Order());
    }

    /// <summary>Three finished runs 100 days old and one 10 days old, of a connection that cannot sync (no export).</summary>
    private static async Task<(Connection Connection, Guid[] Old, Guid Recent)> LogAsync(ServeHarness harness)
    {
        var connection = await harness.AddConnectionAsync("log", CsvSource.SourceKind,
            new() { [CsvSource.ProductsPathSetting] = "/nowhere/products.csv", [CsvSource.OrdersPathSetting] = "/nowhere/orders.csv" }, joinQuickBooks: false);
        var now = harness.Time.GetUtcNow();
        var old = new List<Guid>();
        foreach (var days in new[] { 102, 101, 100 })
        {
            old.Add((await FinishedAsync(harness, connection.Id, now.AddDays(-days))).Id);
        }

        return (connection, [.. old], (await FinishedAsync(harness, connection.Id, now.AddDays(-10))).Id);
    }

    private static async Task<SyncRun> FinishedAsync(ServeHarness harness, Guid connectionId, DateTimeOffset at)
    {
        var run = await harness.State.Runs.StartAsync(connectionId, "schedule", at, CancellationToken.None);
        await harness.State.Runs.FinishAsync(run with { Outcome = RunOutcome.Succeeded, FinishedAt = at.AddSeconds(3) }, CancellationToken.None);
        return run;
    }

    private static async Task<IReadOnlyList<Guid>> IdsAsync(ServeHarness harness, Connection connection) =>
        [.. (await harness.RunsAsync(connection)).Select(r => r.Id)];
}
