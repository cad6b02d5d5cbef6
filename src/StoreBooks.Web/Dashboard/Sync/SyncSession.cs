using Microsoft.Extensions.Logging;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Sources;
using StoreBooks.QuickBooks;
using StoreBooks.Sync;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Web.Dashboard.Sync;

/// <summary>
/// A connection's store and QuickBooks company opened for a page that reads them (Preview, Totals), as a sync job opens them:
/// the server's QuickBooks connections (tokens refreshed and kept) and its source factory. Dispose it to close the client.
/// </summary>
public sealed class SyncSession : IDisposable
{
    private readonly QboClient _client;

    private SyncSession(SyncContext context, IStoreSource source, QboClient client)
    {
        Context = context;
        Source = source;
        _client = client;
    }

    public SyncContext Context { get; }

    public IStoreSource Source { get; }

    public static async Task<SyncSession> OpenAsync(
        Connection connection, IStateStore state, QuickBooksConnections quickBooks, SourceFactory sources, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var client = await quickBooks.ClientForAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            var source = await sources.CreateAsync(connection, state.Credentials, cancellationToken).ConfigureAwait(false);
            return new SyncSession(new SyncContext(connection, client, state, time, loggers), source, client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();
}
