using Npgsql;

namespace StoreBooks.Storage.Postgres;

/// <summary>
/// The PostgreSQL database of a hosted StoreBooks: a pooled <see cref="NpgsqlDataSource"/>; every operation takes a connection
/// and gives it back. The tables live in the connection string's first search-path schema (<c>public</c> unless it says
/// otherwise), so several stores can share one database in separate schemas.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "StoreBooks";
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
}
