using StoreBooks.Core.State;
using StoreBooks.Storage.Sqlite;

namespace StoreBooks.Storage;

/// <summary>Opens the state store of a StoreBooks home: what the command line, the server and tests use.</summary>
public static class StateStore
{
    /// <summary>Opens <c>storebooks.db</c> in <paramref name="home"/>, creating the folder, the file and the secret key as needed.</summary>
    public static Task<IStateStore> OpenSqliteAsync(StoreBooksHome home, CancellationToken cancellationToken) =>
        OpenSqliteAsync(home, TimeProvider.System, cancellationToken);

    /// <summary>As <see cref="OpenSqliteAsync(StoreBooksHome, CancellationToken)"/>, with the clock that stamps writes.</summary>
    public static async Task<IStateStore> OpenSqliteAsync(StoreBooksHome home, TimeProvider time, CancellationToken cancellationToken)
    {
        home.EnsureExists();
        var key = home.LoadOrCreateSecretKey();
        return await SqliteStateStore.OpenAsync(home.DatabasePath, key, time, cancellationToken).ConfigureAwait(false);
    }
}
