using Microsoft.Extensions.Logging;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.OAuth;

namespace StoreBooks.QuickBooks;

/// <summary>What a <see cref="QboClient"/> needs for one QBO company.</summary>
public sealed record QboClientOptions
{
    public required QboEnvironment Environment { get; init; }

    /// <summary>The company (realm) id the client works on.</summary>
    public required string RealmId { get; init; }

    /// <summary>Supplies and refreshes the access token.</summary>
    public required QboTokenKeeper Tokens { get; init; }

    /// <summary>The per-realm budget shared by every client of the process (create one, pass it to all).</summary>
    public required QboRealmLimits Limits { get; init; }

    /// <summary>Sent as <c>minorversion</c> on every call; QBO treats anything below 75 as 75.</summary>
    public int MinorVersion { get; init; } = 75;

    public QboRetryOptions Retry { get; init; } = new();

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Clock for durations in logs (tokens use the keeper's clock; retry waits use real time).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The handler that does the network I/O; may be shared by several clients and is not disposed with them.
    /// When null each client gets its own <see cref="SocketsHttpHandler"/>.
    /// </summary>
    public HttpMessageHandler? NetworkHandler { get; init; }

    /// <summary>Page size of paged queries (QBO allows at most 1000).</summary>
    public int QueryPageSize { get; init; } = 1000;
}
