using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;

namespace StoreBooks.Hosting.Connections;

/// <summary>Whether saving may change an existing connection of the same name (the command line) or only add one (the dashboard).</summary>
public enum SaveMode
{
    CreateOrUpdate,
    CreateOnly,
}

/// <summary>Why a checked store could not be saved.</summary>
public enum SaveProblem
{
    None,

    /// <summary>A connection of that name reads another kind of store.</summary>
    NameUsedByOtherStore,

    /// <summary>The name is taken (by a connection of the same kind when only adding, or anywhere in the home).</summary>
    NameTaken,

    /// <summary>The credentials kept changing while they were saved.</summary>
    CredentialsKeptChanging,
}

/// <summary>What saving a connection did: the connection and whether it is new, or the problem that kept it from being saved.</summary>
public sealed record SaveResult(Connection? Connection, bool Created, SaveProblem Problem, string? Message)
{
    public bool Saved => Connection is not null;

    public static SaveResult Failed(SaveProblem problem, string message) => new(null, false, problem, message);
}

/// <summary>
/// What adding a store shares, from the command line and the dashboard: create (or update) the named connection, then store its
/// secret encrypted under the source kind's credential system. <paramref name="connections"/> is the home's connections for the
/// command line and the signed-in workspace's for the dashboard, so a connection is only ever found and changed in its workspace.
/// </summary>
public static class ConnectionSaver
{
    /// <summary>
    /// Saves the connection with <paramref name="settings"/> (keys in <paramref name="removable"/> that <paramref name="settings"/>
    /// lacks are removed from an existing one) and <paramref name="secret"/> (none for a CSV export). A new connection gets
    /// <paramref name="newId"/> when given.
    /// </summary>
    public static async Task<SaveResult> SaveAsync(
        IConnectionStore connections, ICredentialStore? credentials, string name, string kind, string storeName, JsonObject settings,
        IReadOnlyList<string> removable, string? secret, SaveMode mode, CancellationToken cancellationToken, Guid? newId = null)
    {
        var existing = await connections.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.SourceKind != kind)
        {
            return SaveResult.Failed(SaveProblem.NameUsedByOtherStore, $"Connection \"{name}\" reads from {existing.SourceKind}, not from {storeName}. Choose another name.");
        }

        if (existing is not null && mode == SaveMode.CreateOnly)
        {
            return SaveResult.Failed(SaveProblem.NameTaken, $"There is already a connection named \"{name}\". Choose another name.");
        }

        var merged = existing?.SourceSettings.DeepClone().AsObject() ?? [];
        foreach (var key in removable.Where(k => !settings.ContainsKey(k)))
        {
            merged.Remove(key);
        }

        foreach (var (key, value) in settings)
        {
            merged[key] = value?.DeepClone();
        }

        Connection connection;
        try
        {
            if (existing is null)
            {
                connection = new Connection { Id = newId ?? Guid.NewGuid(), Name = name, SourceKind = kind, SourceSettings = merged };
                await connections.AddAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                connection = existing with { SourceSettings = merged };
                await connections.UpdateAsync(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ConnectionNameTakenException e)
        {
            return SaveResult.Failed(SaveProblem.NameTaken, e.Message);
        }

        if (secret is not null && credentials is not null && !await SaveSecretAsync(credentials, connection.Id, kind, secret, cancellationToken).ConfigureAwait(false))
        {
            return SaveResult.Failed(SaveProblem.CredentialsKeptChanging, $"The {storeName} credentials of \"{name}\" kept changing while they were saved; try again.");
        }

        var saved = await connections.GetAsync(connection.Id, cancellationToken).ConfigureAwait(false) ?? connection;
        return new SaveResult(saved, existing is null, SaveProblem.None, null);
    }

    private static async Task<bool> SaveSecretAsync(ICredentialStore credentials, Guid connectionId, string kind, string secret, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // The version only: the old secret is replaced, never read (the key may no longer decrypt it).
            var version = await credentials.GetVersionAsync(connectionId, kind, cancellationToken).ConfigureAwait(false);
            if (await credentials.TrySaveAsync(connectionId, kind, secret, version ?? 0, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }
}
