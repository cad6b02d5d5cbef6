using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Connections;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Web.Dashboard.Connections;

/// <summary>A connection as its pages show it: its QuickBooks company now, its last run, its next one and what needs attention.</summary>
public sealed record ConnectionOverview(Connection Connection, QuickBooksCompanyStatus QuickBooks, SyncRun? LastRun, SyncSchedule? Schedule, int OpenIssues)
{
    /// <summary>
    /// True when the last run stopped because QuickBooks refused the authorization, which the company's status confirms: shown as
    /// "reconnect", not as a failed run.
    /// </summary>
    public bool LastRunNeedsReconnect => LastRun is { Outcome: RunOutcome.Failed } && QuickBooks.State == QuickBooksState.ReconnectNeeded;
}

/// <summary>
/// Reads the overviews of the signed-in workspace's connections from the state store (runs, schedule, open issues) and asks
/// QuickBooks for each company (in parallel, each given a few seconds).
/// </summary>
public sealed class ConnectionOverviews(IStateStore state, QuickBooksConnections quickBooks)
{
    private static readonly TimeSpan CompanyTimeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<ConnectionOverview>> ForAsync(IReadOnlyList<Connection> connections, CancellationToken cancellationToken) =>
        await Task.WhenAll(connections.Select(c => ForAsync(c, cancellationToken))).ConfigureAwait(false);

    public async Task<ConnectionOverview> ForAsync(Connection connection, CancellationToken cancellationToken)
    {
        var company = QuickBooksStatus.CheckAsync(quickBooks, connection, CompanyTimeout, cancellationToken);
        var runs = await state.Runs.ListRunsAsync(connection.Id, 1, cancellationToken).ConfigureAwait(false);
        var schedule = await state.Schedule.GetAsync(connection.Id, cancellationToken).ConfigureAwait(false);
        var issues = await state.Runs.ListOpenIssuesAsync(connection.Id, cancellationToken).ConfigureAwait(false);
        return new ConnectionOverview(connection, await company.ConfigureAwait(false), runs.Count > 0 ? runs[0] : null, schedule, issues.Count);
    }
}
