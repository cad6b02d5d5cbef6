using System.Data.Common;

namespace StoreBooks.Storage.Sql;

/// <summary>A parameterised command (<c>@name</c> in the SQL, <c>name</c> when binding), its values bound as the dialect keeps them.</summary>
internal sealed class StoreCommand : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly StoreDialect _dialect;

    public StoreCommand(DbCommand command, StoreDialect dialect)
    {
        _command = command;
        _dialect = dialect;
    }

    public string Sql
    {
        get => _command.CommandText;
        set => _command.CommandText = value;
    }

    public StoreCommand WithId(string name, Guid? value) => With(_dialect.Id(name, value));

    public StoreCommand WithText(string name, string? value) => With(_dialect.Text(name, value));

    public StoreCommand WithTime(string name, DateTimeOffset? value) => With(_dialect.Time(name, value));

    public StoreCommand WithJson(string name, string? json) => With(_dialect.Json(name, json));

    public StoreCommand WithLong(string name, long value) => With(_dialect.Long(name, value));

    public StoreCommand WithBytes(string name, byte[] value) => With(_dialect.Bytes(name, value));

    public StoreCommand With(DbParameter parameter)
    {
        _command.Parameters.Add(parameter);
        return this;
    }

    public Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => _command.ExecuteNonQueryAsync(cancellationToken);

    public Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => _command.ExecuteScalarAsync(cancellationToken);

    public async Task<StoreReader> ExecuteReaderAsync(CancellationToken cancellationToken) =>
        new(await _command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false), _dialect);

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
