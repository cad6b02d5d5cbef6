using Npgsql;
using NpgsqlTypes;

namespace StoreBooks.Storage.Postgres;

/// <summary>
/// Small helpers to build parameterised commands (named <c>@name</c>, typed so a null never leaves PostgreSQL guessing) for the
/// code only PostgreSQL runs (migrator, key ring, home move); the stores use <see cref="Sql.StoreCommand"/>.
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
