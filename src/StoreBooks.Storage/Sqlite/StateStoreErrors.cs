using Microsoft.Data.Sqlite;

namespace StoreBooks.Storage.Sqlite;

/// <summary>What a SQLite failure of the state store means for the merchant, and what to do about it.</summary>
public static class StateStoreErrors
{
    // SQLite primary result codes (https://www.sqlite.org/rescode.html).
    private const int Busy = 5;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>A message naming <paramref name="databasePath"/>; null when the failure is not one a merchant can fix.</summary>
    public static string? Explain(SqliteException e, string databasePath) => (e.SqliteErrorCode & 0xFF) switch
    {
        NotADatabase or Corrupt =>
            $"The state store {databasePath} is damaged (it is not a whole SQLite database: truncated, overwritten or corrupted). " +
            "Restore it from a backup; or move it away and run again to start afresh: StoreBooks then finds the documents it already " +
            "posted in QuickBooks by their numbers and does not post them twice.",
        ReadOnly =>
            $"StoreBooks cannot write to its state store {databasePath}: the file or its folder is read-only. Give your user write " +
            "permission on both (for example: chmod u+w), then run the command again.",
        CantOpen => Directory.Exists(databasePath)
            ? $"The state store {databasePath} is a folder, not a file. Move that folder away (StoreBooks makes a fresh database) or choose another home with --home."
            : $"StoreBooks cannot open its state store {databasePath}: check that its folder exists and that your user may read and write it.",
        Full => $"The disk holding {databasePath} is full; nothing more was written. Free some space, then run the command again.",
        IoError => $"The disk refused to read or write {databasePath} ({e.Message}). Check the disk, then run the command again.",
        Busy => $"Another process holds the state store {databasePath} locked for too long. Wait for it to end (storebooks serve, another sync), then run again.",
        _ => null,
    };
}
