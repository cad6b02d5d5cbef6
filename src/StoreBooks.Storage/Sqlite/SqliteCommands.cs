using Microsoft.Data.Sqlite;

namespace StoreBooks.Storage.Sqlite;

/// <summary>Small helpers to build parameterised commands and read nullable columns.</summary>
internal static class SqliteCommands
{
    /// <summary>SQLite's extended result codes for constraint failures.</summary>
    public const int ForeignKeyViolation = 787;
    public const int PrimaryKeyViolation = 1555;
    public const int UniqueViolation = 2067;

    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>True when <paramref name="e"/> is a foreign key failure: the connection a row points to does not exist.</summary>
    public static bool IsMissingConnection(this SqliteException e) => e.SqliteExtendedErrorCode == ForeignKeyViolation;

    public static InvalidOperationException MissingConnection(Guid connectionId, SqliteException e) =>
        new($"Connection {connectionId} does not exist in the state store; add the connection first.", e);
}
