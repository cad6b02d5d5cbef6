using Microsoft.Data.Sqlite;

namespace StoreBooks.Storage.Sqlite;

/// <summary>Small helpers to build parameterised commands, for the code only SQLite runs (migrator, integrity check); the stores use <see cref="Sql.StoreCommand"/>.</summary>
internal static class SqliteCommands
{
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
}
