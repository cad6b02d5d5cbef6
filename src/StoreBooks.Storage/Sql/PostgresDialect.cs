using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using StoreBooks.Storage.Postgres;

namespace StoreBooks.Storage.Sql;

/// <summary>
/// PostgreSQL's side of the state store: ids as <c>uuid</c>, times as <c>timestamptz</c> to the microsecond
/// (<see cref="PostgresTime.Floor"/>), JSON as <c>jsonb</c>, every parameter typed so a null never leaves PostgreSQL guessing;
/// constraint failures by SQLSTATE and constraint name; a list of values as one array; locks that make concurrent writers wait.
/// </summary>
internal sealed class PostgresDialect : StoreDialect
{
    private readonly PostgresDatabase _database;

    public PostgresDialect(PostgresDatabase database)
    {
        _database = database;
    }

    public override int MaxListLength => int.MaxValue; // one array parameter, however many values

    public override string ArrivalOrder => "seq";

    public override DateTimeOffset Kept(DateTimeOffset time) => PostgresTime.Floor(time);

    public override string Ordinal(string column) => $"{column} COLLATE \"C\"";

    public override string InList(StoreCommand command, string column, string name, IReadOnlyList<string> values)
    {
        command.With(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });
        return $"{column} = ANY(@{name})";
    }

    public override async Task LockTableAsync(DbTransaction transaction, string table, CancellationToken cancellationToken)
    {
        // Conflicts with itself and with every insert: a second such writer waits, then sees the first one's rows.
        await using var command = new NpgsqlCommand($"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE;", (NpgsqlConnection)transaction.Connection!, (NpgsqlTransaction)transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task LockKeyAsync(DbTransaction transaction, int lockClass, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, hashtext(@key));", (NpgsqlConnection)transaction.Connection!, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter("class", NpgsqlDbType.Integer) { Value = lockClass });
        command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = key });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override bool IsForeignKeyViolation(DbException e) => e is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };

    public override bool IsUniqueViolation(DbException e, string constraint) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.ConstraintName == constraint;

    public override bool IsPrimaryKeyViolation(DbException e, string table) => IsUniqueViolation(e, $"{table}_pkey");

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public override DbParameter Id(string name, Guid? value) => Parameter(name, value, NpgsqlDbType.Uuid);

    public override DbParameter Text(string name, string? value) => Parameter(name, value, NpgsqlDbType.Text);

    public override DbParameter Time(string name, DateTimeOffset? value) =>
        Parameter(name, value is { } time ? PostgresTime.Floor(time) : null, NpgsqlDbType.TimestampTz);

    public override DbParameter Json(string name, string? json) => Parameter(name, json, NpgsqlDbType.Jsonb);

    public override DbParameter Long(string name, long value) => Parameter(name, value, NpgsqlDbType.Bigint);

    public override DbParameter Bytes(string name, byte[] value) => Parameter(name, value, NpgsqlDbType.Bytea);

    public override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static NpgsqlParameter Parameter(string name, object? value, NpgsqlDbType type) => new(name, type) { Value = value ?? DBNull.Value };
}
