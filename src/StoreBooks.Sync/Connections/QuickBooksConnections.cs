using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.OAuth;

namespace StoreBooks.Sync.Connections;

/// <summary>
/// Makes the QuickBooks client of a connection: its environment (production, sandbox or an emulator URL), its Intuit app, its
/// tokens from the state store, and one request budget per company shared by every client this object makes. Make one per
/// process and keep it. In hosted mode give it the budget the processes share (<c>shared</c>, PostgreSQL's), so every
/// client it makes keeps QuickBooks' limits together with the other processes' clients.
/// </summary>
public sealed class QuickBooksConnections : IAsyncDisposable
{
    private readonly IStateStore _state;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory? _loggers;
    private readonly ConcurrentDictionary<Uri, Task<QboOAuthEndpoints>> _endpoints = new();

    public QuickBooksConnections(IStateStore state, TimeProvider? time = null, ILoggerFactory? loggers = null, QboLimitsOptions? limits = null, QboRetryOptions? retry = null, IQboSharedBudget? shared = null)
    {
        _state = state;
        _time = time ?? TimeProvider.System;
        _loggers = loggers;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        Limits = new QboRealmLimits(limits, shared);
        Retry = retry ?? new QboRetryOptions();
    }

    /// <summary>The per-company request budget shared by every client made here.</summary>
    public QboRealmLimits Limits { get; }

    public QboRetryOptions Retry { get; }

    /// <summary>The client of a connected connection; explains what to run when it is not connected yet.</summary>
    public async Task<QboClient> ClientForAsync(Connection connection, CancellationToken cancellationToken)
    {
        if (connection.QboRealmId is null || connection.QboBaseUrl is null)
        {
            throw new InvalidOperationException($"Connection \"{connection.Name}\" is not connected to QuickBooks yet: run storebooks connect quickbooks --connection {connection.Name}.");
        }

        var environment = QboEnvironment.Parse(connection.QboBaseUrl);
        var app = await QuickBooksApp.LoadAsync(_state.Credentials, connection.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Connection \"{connection.Name}\" has no QuickBooks app credentials: run storebooks connect quickbooks --connection {connection.Name}.");
        var endpoints = await _endpoints.GetOrAdd(environment.DiscoveryDocument, _ => QboDiscovery.DiscoverAsync(_http, environment, CancellationToken.None)).ConfigureAwait(false);
        var oauth = new QboOAuthClient(_http, endpoints, app, _time, _loggers?.CreateLogger<QboOAuthClient>());
        var keeper = new QboTokenKeeper(connection.Id.ToString(), new CredentialTokenStore(_state.Credentials), oauth, _time, logger: _loggers?.CreateLogger<QboTokenKeeper>());
        return new QboClient(new QboClientOptions
        {
            Environment = environment,
            RealmId = connection.QboRealmId,
            Tokens = keeper,
            Limits = Limits,
            Retry = Retry,
            LoggerFactory = _loggers,
            Time = _time,
        });
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Limits.DisposeAsync().ConfigureAwait(false);
    }
}
