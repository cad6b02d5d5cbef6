using Npgsql;
using NpgsqlTypes;

namespace StoreBooks.Storage.Postgres;

/// <summary>
/// Small helpers to build parameterised commands (named <c>@name</c>, typed so a null never leaves PostgreSQL guessing) and to
/// read columns; and the meaning of PostgreSQL's constraint errors.
/// </summary>
internal static class PostgresCommands
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null) =>
        new(sql, connection, transaction);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand WithText(this NpgsqlCommand command, string name, string? value) => command.With(name, value, NpgsqlDbType.Text);

    public static NpgsqlCommand WithId(this NpgsqlCommand command, string name, Guid? value) => command.With(name, value, NpgsqlDbType.Uuid);

    /// <summary>A time as PostgreSQL keeps it: UTC, to the microsecond (<see cref="PostgresTime.Floor"/>).</summary>
    public static NpgsqlCommand WithTime(this NpgsqlCommand command, string name, DateTimeOffset? value) =>
        command.With(name, value is { } time ? PostgresTime.Floor(time) : null, NpgsqlDbType.TimestampTz);

    public static NpgsqlCommand WithJson(this NpgsqlCommand command, string name, string? json) => command.With(name, json, NpgsqlDbType.Jsonb);

    public static NpgsqlCommand WithLong(this NpgsqlCommand command, string name, long value) => command.With(name, value, NpgsqlDbType.Bigint);

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset GetTime(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? GetNullableTime(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>A foreign key failure: the row a write points to (a connection, a workspace) does not exist.</summary>
    public static bool IsForeignKeyViolation(this PostgresException e) => e.SqlState == PostgresErrorCodes.ForeignKeyViolation;

    /// <summary>A unique failure of the named constraint (or of any, when none is named).</summary>
    public static bool IsUniqueViolation(this PostgresException e, string? constraint = null) =>
        e.SqlState == PostgresErrorCodes.UniqueViolation && (constraint is null || e.ConstraintName == constraint);

    public static InvalidOperationException MissingConnection(Guid connectionId, PostgresException e) =>
        new($"Connection {connectionId} does not exist in the state store; add the connection first.", e);
}

/// <summary>How times are kept in PostgreSQL's <c>timestamptz</c>: in UTC, to the microsecond.</summary>
internal static class PostgresTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>
    /// <paramref name="value"/> in UTC, cut to the microsecond (never later than it: a cursor read back may re-read a record, never
    /// skip one). PostgreSQL keeps microseconds; .NET times carry tenths of them.
    /// </summary>
    public static DateTimeOffset Floor(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }
}
