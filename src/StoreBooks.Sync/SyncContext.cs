using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Messages;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.Sync.Company;
using StoreBooks.Sync.Products;

namespace StoreBooks.Sync;

/// <summary>
/// One connection at work: its settings, its QuickBooks client and state store, and what is read from QuickBooks once per run
/// (company settings, chart of accounts, item catalog). Whatever runs the sync (command line, server, job engine) makes one.
/// </summary>
public sealed class SyncContext
{
    private QuickBooksCompany? _company;
    private ItemCatalog? _items;

    public SyncContext(Connection connection, QboClient qbo, IStateStore state, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        Connection = connection;
        Settings = ConnectionSettings.From(connection.Settings);
        Qbo = qbo;
        State = state;
        Time = time ?? TimeProvider.System;
        Loggers = loggers ?? NullLoggerFactory.Instance;
    }

    public Connection Connection { get; }

    public ConnectionSettings Settings { get; }

    public QboClient Qbo { get; }

    public IStateStore State { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory Loggers { get; }

    public Guid ConnectionId => Connection.Id;

    public async Task<QuickBooksCompany> CompanyAsync(CancellationToken cancellationToken) =>
        _company ??= await QuickBooksCompany.LoadAsync(Qbo, cancellationToken).ConfigureAwait(false);

    public async Task<ItemCatalog> ItemsAsync(CancellationToken cancellationToken) =>
        _items ??= await ItemCatalog.LoadAsync(Qbo, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Lists a record of this connection (a sale, an item, a payout) as needing the merchant's attention in run
    /// <paramref name="runId"/>: <paramref name="message"/> in English, <paramref name="detail"/> the catalogue message it
    /// came from (rendered in the reader's language), if any.
    /// </summary>
    public Task RaiseAsync(Guid runId, LinkKind kind, string sourceId, string reference, string message, SyncMessage? detail, CancellationToken cancellationToken) =>
        State.Runs.RaiseAsync(new SyncIssue
        {
            Id = Guid.NewGuid(),
            ConnectionId = ConnectionId,
            RunId = runId,
            Kind = kind,
            SourceId = sourceId,
            Reference = reference,
            Message = message,
            Detail = detail,
            RaisedAt = Time.GetUtcNow(),
        }, cancellationToken);
}
