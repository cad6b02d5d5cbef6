using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using StoreBooks.Storage.Sqlite;

namespace StoreBooks.Storage.Sql;

/// <summary>
/// SQLite's side of the state store: ids and times as text (<see cref="ColumnFormat"/>: text order is time order, every tick
/// kept), constraint failures by their extended result codes, and long lists of values asked in chunks.
/// </summary>
internal sealed class SqliteDialect : StoreDialect
{
    /// <summary>SQLite's extended result codes for constraint failures.</summary>
    private const int ForeignKeyViolation = 787;
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;

    private readonly SqliteDatabase _database;

    public SqliteDialect(SqliteDatabase database)
    {
        _database = database;
    }

    public override int MaxListLength => 500; // well under SQLite's limit on parameters

    public override string ArrivalOrder => "rowid";

    public override DateTimeOffset Kept(DateTimeOffset time) => time;

    public override string Ordinal(string column) => column; // SQLite's default collation, BINARY, is byte order

    public override string InList(StoreCommand command, string column, string name, IReadOnlyList<string> values)
    {
        var sql = new StringBuilder(column).Append(" IN (");
        for (var i = 0; i < values.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append('@').Append(name).Append(i);
            command.WithText($"{name}{i}", values[i]);
        }

        return sql.Append(')').ToString();
    }

    public override Task LockTableAsync(DbTransaction transaction, string table, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task LockKeyAsync(DbTransaction transaction, int lockClass, string key, CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool IsForeignKeyViolation(DbException e) => e is SqliteException { SqliteExtendedErrorCode: ForeignKeyViolation };

    public override bool IsUniqueViolation(DbException e, string constraint) => e is SqliteException { SqliteExtendedErrorCode: UniqueViolation };

    public override bool IsPrimaryKeyViolation(DbException e, string table) => e is SqliteException { SqliteExtendedErrorCode: PrimaryKeyViolation };

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override DbParameter Id(string name, Guid? value) => Parameter(name, value is { } id ? ColumnFormat.Id(id) : null);

    public override DbParameter Text(string name, string? value) => Parameter(name, value);

    public override DbParameter Time(string name, DateTimeOffset? value) => Parameter(name, value is { } time ? ColumnFormat.Time(time) : null);

    public override DbParameter Json(string name, string? json) => Parameter(name, json);

    public override DbParameter Long(string name, long value) => Parameter(name, value);

    public override DbParameter Bytes(string name, byte[] value) => Parameter(name, value);

    public override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => ColumnFormat.ParseTime(reader.GetString(ordinal));

    private static SqliteParameter Parameter(string name, object? value) => new(name, value ?? DBNull.Value);
}
