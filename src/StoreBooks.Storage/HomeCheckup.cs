using Microsoft.Data.Sqlite;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Storage.Sqlite;

namespace StoreBooks.Storage;

/// <summary>One finding of a home's checkup: what was checked, whether it is well, and what to do when it is not.</summary>
public sealed record HomeFinding(string Check, bool Ok, string Message)
{
    /// <summary>The connection a finding is about, and whose credential (to tell the merchant the command that replaces it).</summary>
    public Connection? Connection { get; init; }

    public string? CredentialSystem { get; init; }
}

/// <summary>
/// Checks a StoreBooks home as <c>storebooks doctor</c> does: the secret key, the database's integrity, the files' modes,
/// every stored credential decryptable, and runs left marked running. It changes nothing.
/// </summary>
public static class HomeCheckup
{
    public static async Task<IReadOnlyList<HomeFinding>> RunAsync(StoreBooksHome home, IStateStore state, CancellationToken cancellationToken)
    {
        var findings = new List<HomeFinding>
        {
            Key(home),
            await IntegrityAsync(home, cancellationToken).ConfigureAwait(false),
            OperatingSystem.IsWindows() ? new HomeFinding("permissions", true, "File modes are not checked on Windows.") : Permissions(home),
        };

        foreach (var connection in await state.Connections.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var system in await state.Credentials.ListSystemsAsync(connection.Id, cancellationToken).ConfigureAwait(false))
            {
                findings.Add(await CredentialAsync(state, connection, system, cancellationToken).ConfigureAwait(false));
            }

            var running = (await state.Runs.ListRunsAsync(connection.Id, 20, cancellationToken).ConfigureAwait(false)).Where(r => r.Outcome == RunOutcome.Running).ToList();
            findings.Add(running.Count == 0
                ? new HomeFinding("runs", true, $"\"{connection.Name}\": no run left running.") { Connection = connection }
                : new HomeFinding("runs", false,
                    $"\"{connection.Name}\": {running.Count} run(s) marked running, the oldest started {running.Min(r => r.StartedAt):yyyy-MM-dd HH:mm:ss} UTC. " +
                    "Unless a sync of it is running right now, StoreBooks was stopped during them: the next sync marks them abandoned and goes on from where the last one stopped.")
                { Connection = connection });
        }

        return findings;
    }

    private static HomeFinding Key(StoreBooksHome home)
    {
        if (!home.HasSecretKey)
        {
            return new HomeFinding("key", false, $"No secret key: neither {home.SecretKeyPath} nor {StoreBooksHome.SecretKeyVariable}.");
        }

        try
        {
            var key = home.LoadOrCreateSecretKey();
            return new HomeFinding("key", true, $"The secret key from {key.Source} reads.");
        }
        catch (StoreBooksHomeException e)
        {
            return new HomeFinding("key", false, e.Message);
        }
    }

    private static async Task<HomeFinding> IntegrityAsync(StoreBooksHome home, CancellationToken cancellationToken)
    {
        try
        {
            var problems = await SqliteStateStore.IntegrityCheckAsync(home.DatabasePath, cancellationToken).ConfigureAwait(false);
            return problems.Count == 0
                ? new HomeFinding("database", true, $"{home.DatabasePath} passes SQLite's integrity check.")
                : new HomeFinding("database", false,
                    $"{home.DatabasePath} fails SQLite's integrity check ({string.Join("; ", problems.Take(3))}). Stop StoreBooks and restore the file from a backup.");
        }
        catch (SqliteException e)
        {
            return new HomeFinding("database", false, StateStoreErrors.Explain(e, home.DatabasePath) ?? e.Message);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static HomeFinding Permissions(StoreBooksHome home)
    {
        var open = new List<string>();
        if ((File.GetUnixFileMode(home.Directory) & ~StoreBooksHome.OwnerOnlyFolder) != 0)
        {
            open.Add(home.Directory);
        }

        open.AddRange(Directory.EnumerateFiles(home.Directory).Where(f => (File.GetUnixFileMode(f) & ~StoreBooksHome.OwnerOnlyFile) != 0));
        return open.Count == 0
            ? new HomeFinding("permissions", true, "The home and its files are yours only (0700 and 0600).")
            : new HomeFinding("permissions", false, $"Others may read {string.Join(", ", open)}; any storebooks command run on the home makes them yours only again.");
    }

    private static async Task<HomeFinding> CredentialAsync(IStateStore state, Connection connection, string system, CancellationToken cancellationToken)
    {
        try
        {
            await state.Credentials.GetAsync(connection.Id, system, cancellationToken).ConfigureAwait(false);
            return new HomeFinding("credential", true, $"\"{connection.Name}\": the {system} credential reads.") { Connection = connection, CredentialSystem = system };
        }
        catch (UnreadableCredentialException)
        {
            return new HomeFinding("credential", false, $"\"{connection.Name}\": the {system} credential cannot be decrypted with this secret key.")
            { Connection = connection, CredentialSystem = system };
        }
    }
}
