using System.Data.Common;
using Npgsql;

namespace StoreBooks.Storage.Postgres;

/// <summary>
/// The PostgreSQL database of a hosted StoreBooks: a pooled <see cref="NpgsqlDataSource"/>; every operation takes a connection
/// and gives it back. The tables live in the connection string's first search-path schema (<c>public</c> unless it says
/// otherwise), so several stores can share one database in separate schemas.
/// </summary>
/// <remarks>
/// Its pool holds at most <see cref="DefaultMaxPoolSize"/> connections unless the connection string says otherwise (Npgsql's own
/// default, 100, let one worker process of a busy fleet hold a hundred idle connections after a burst of parallel writes; every
/// operation here is short, so callers beyond the bound wait a moment for a free connection instead).
/// </remarks>
internal sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>Connections the state store's pool may hold when the connection string sets no "Maximum Pool Size".</summary>
    public const int DefaultMaxPoolSize = 20;

    private static readonly string[] PoolSizeKeywords = ["Maximum Pool Size", "Max Pool Size", "MaxPoolSize"];

    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">The operator's connection string.</param>
    /// <param name="applicationName">How its connections are named in <c>pg_stat_activity</c> (unless the string names them).</param>
    /// <param name="maxPoolSize">The pool's bound unless the string sets one.</param>
    public PostgresDatabase(string connectionString, string applicationName = "StoreBooks", int maxPoolSize = DefaultMaxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = applicationName;
        }

        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!PoolSizeKeywords.Any(given.ContainsKey))
        {
            builder.MaxPoolSize = maxPoolSize;
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, maxPoolSize);
        }

        Description = $"{builder.Database ?? builder.Username ?? "postgres"} on {builder.Host}:{builder.Port}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>"storebooks on 127.0.0.1:5432", for messages; never the password.</summary>
    public string Description { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>A connection for the few callers that cannot wait asynchronously (Data Protection's key repository).</summary>
    public NpgsqlConnection Open() => _dataSource.OpenConnection();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
