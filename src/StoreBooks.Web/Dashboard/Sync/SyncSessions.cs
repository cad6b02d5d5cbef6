using Microsoft.Extensions.Logging;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Sources;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Web.Dashboard.Sync;

/// <summary>Opens <see cref="SyncSession"/>s with the server's state store, QuickBooks connections, source factory, clock and loggers.</summary>
public sealed class SyncSessions(IStateStore state, QuickBooksConnections quickBooks, SourceFactory sources, TimeProvider time, ILoggerFactory loggers)
{
    public Task<SyncSession> OpenAsync(Connection connection, CancellationToken cancellationToken) =>
        SyncSession.OpenAsync(connection, state, quickBooks, sources, time, loggers, cancellationToken);
}
