using System.Data.Common;

namespace StoreBooks.Storage.Sql;

/// <summary>The rows a <see cref="StoreCommand"/> read; ids and times are read as the dialect keeps them.</summary>
internal sealed class StoreReader : IAsyncDisposable
{
    private readonly DbDataReader _reader;
    private readonly StoreDialect _dialect;

    public StoreReader(DbDataReader reader, StoreDialect dialect)
    {
        _reader = reader;
        _dialect = dialect;
    }

    public Task<bool> ReadAsync(CancellationToken cancellationToken) => _reader.ReadAsync(cancellationToken);

    public bool IsDBNull(int ordinal) => _reader.IsDBNull(ordinal);

    public string GetString(int ordinal) => _reader.GetString(ordinal);

    public string? GetNullableString(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetString(ordinal);

    public long GetInt64(int ordinal) => _reader.GetInt64(ordinal);

    /// <summary>An integer column (SQLite's INTEGER, PostgreSQL's bigint) that must fit an <see cref="int"/>.</summary>
    public int GetInt32(int ordinal) => checked((int)_reader.GetInt64(ordinal));

    /// <summary>A condition's value: PostgreSQL's boolean, SQLite's 0 or 1.</summary>
    public bool GetBoolean(int ordinal) => _reader.GetBoolean(ordinal);

    public byte[] GetBytes(int ordinal) => _reader.GetFieldValue<byte[]>(ordinal);

    public Guid GetId(int ordinal) => _dialect.ReadId(_reader, ordinal);

    public DateTimeOffset GetTime(int ordinal) => _dialect.ReadTime(_reader, ordinal);

    public DateTimeOffset? GetNullableTime(int ordinal) => _reader.IsDBNull(ordinal) ? null : _dialect.ReadTime(_reader, ordinal);

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
