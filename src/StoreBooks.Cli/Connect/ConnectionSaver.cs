using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;

namespace StoreBooks.Cli.Connect;

/// <summary>What the store connect commands share: create or update the named connection, then store its secret encrypted.</summary>
internal static class ConnectionSaver
{
    /// <summary>
    /// Saves the connection with <paramref name="settings"/> (keys in <paramref name="removable"/> that <paramref name="settings"/>
    /// lacks are removed from an existing one) and <paramref name="secret"/> under the source kind's credential system.
    /// Returns "created" or "updated", or null after writing why nothing could be saved.
    /// </summary>
    public static async Task<string?> SaveAsync(
        IStateStore store, string name, string kind, string storeName, JsonObject settings, IReadOnlyList<string> removable, string secret,
        TextWriter error, CancellationToken cancellationToken)
    {
        var existing = await store.Connections.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.SourceKind != kind)
        {
            await error.WriteLineAsync($"Connection \"{name}\" reads from {existing.SourceKind}, not from {storeName}. Choose another name with --name.").ConfigureAwait(false);
            return null;
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
        string verb;
        try
        {
            if (existing is null)
            {
                connection = new Connection { Id = Guid.NewGuid(), Name = name, SourceKind = kind, SourceSettings = merged };
                await store.Connections.AddAsync(connection, cancellationToken).ConfigureAwait(false);
                verb = "created";
            }
            else
            {
                connection = existing with { SourceSettings = merged };
                await store.Connections.UpdateAsync(connection, cancellationToken).ConfigureAwait(false);
                verb = "updated";
            }
        }
        catch (ConnectionNameTakenException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return null;
        }

        for (var attempt = 0; ; attempt++)
        {
            // The version only: the old secret is replaced, never read (the key may no longer decrypt it).
            var version = await store.Credentials.GetVersionAsync(connection.Id, kind, cancellationToken).ConfigureAwait(false);
            if (await store.Credentials.TrySaveAsync(connection.Id, kind, secret, version ?? 0, cancellationToken).ConfigureAwait(false))
            {
                return verb;
            }

            if (attempt == 2)
            {
                await error.WriteLineAsync($"The {storeName} credentials of \"{name}\" kept changing while they were saved; run the command again.").ConfigureAwait(false);
                return null;
            }
        }
    }
}
