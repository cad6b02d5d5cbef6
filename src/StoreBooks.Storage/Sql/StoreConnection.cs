using System.Data.Common;

namespace StoreBooks.Storage.Sql;

/// <summary>An open connection of the state store, with its dialect: its commands bind and read values as the database keeps them.</summary>
internal sealed class StoreConnection : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly StoreDialect _dialect;

    public StoreConnection(DbConnection connection, StoreDialect dialect)
    {
        _connection = connection;
        _dialect = dialect;
    }

    public StoreCommand Command(string sql, DbTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return new StoreCommand(command, _dialect);
    }

    /// <summary>A transaction whose writes other writers wait for (SQLite: <c>BEGIN IMMEDIATE</c>; PostgreSQL: read committed).</summary>
    public Task<DbTransaction> BeginWriteAsync(CancellationToken cancellationToken) => _dialect.BeginWriteAsync(_connection, cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
