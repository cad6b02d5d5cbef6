using StoreBooks.Hosting.Connections;

namespace StoreBooks.Cli.Connect;

/// <summary>What the store connect commands write when a store was refused or could not be saved.</summary>
internal static class ConnectReport
{
    /// <summary>Writes the store's own reasons for refusing, then "Nothing was saved."</summary>
    public static async Task RefusedAsync(IReadOnlyList<string> reasons, TextWriter error)
    {
        foreach (var reason in reasons)
        {
            await error.WriteLineAsync(reason).ConfigureAwait(false);
        }

        await error.WriteLineAsync("Nothing was saved.").ConfigureAwait(false);
    }

    /// <summary>True when the connection was saved; otherwise writes why not.</summary>
    public static async Task<bool> SavedAsync(SaveResult result, TextWriter error)
    {
        if (result.Saved)
        {
            return true;
        }

        var message = result.Message ?? "The connection was not saved.";
        await error.WriteLineAsync(result.Problem == SaveProblem.NameUsedByOtherStore
            ? message.Replace("Choose another name.", "Choose another name with --name.", StringComparison.Ordinal)
            : message).ConfigureAwait(false);
        return false;
    }
}
