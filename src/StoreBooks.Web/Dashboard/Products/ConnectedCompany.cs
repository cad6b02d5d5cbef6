using StoreBooks.Core.Connections;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.Sync.Company;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Web.Dashboard.Products;

/// <summary>
/// A connection's QuickBooks company as a settings page reads it (preferences and chart of accounts, as the sync reads them), or
/// why it cannot be read: not joined to QuickBooks yet, or QuickBooks refused or did not answer (the message says which).
/// </summary>
public sealed record ConnectedCompany(QuickBooksCompany? Company, string? Problem)
{
    public static async Task<ConnectedCompany> ReadAsync(QuickBooksConnections connections, Connection connection, CancellationToken cancellationToken)
    {
        var (company, problem) = await ReadAsync(connections, connection, QuickBooksCompany.LoadAsync, cancellationToken).ConfigureAwait(false);
        return new ConnectedCompany(company, problem);
    }

    /// <summary>Runs <paramref name="read"/> with the connection's QuickBooks client; a failure is returned as its message.</summary>
    public static async Task<(T? Value, string? Problem)> ReadAsync<T>(
        QuickBooksConnections connections, Connection connection, Func<QboClient, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            using var client = await connections.ClientForAsync(connection, cancellationToken).ConfigureAwait(false);
            return (await read(client, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is QboException or HttpRequestException or InvalidOperationException or TimeoutException)
        {
            return (null, e.Message);
        }
    }
}
