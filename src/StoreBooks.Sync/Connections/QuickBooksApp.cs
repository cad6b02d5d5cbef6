using System.Text.Json;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.OAuth;

namespace StoreBooks.Sync.Connections;

/// <summary>
/// The Intuit app a connection authorizes (client id and secret), kept with the connection's credentials, encrypted.
/// The emulator's demo app is <c>demo-client</c> / <c>demo-secret</c>.
/// </summary>
public static class QuickBooksApp
{
    public const string System = "quickbooks-app";

    public static QboAppCredentials Demo { get; } = new("demo-client", "demo-secret");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<QboAppCredentials?> LoadAsync(ICredentialStore credentials, Guid connectionId, CancellationToken cancellationToken)
    {
        var stored = await credentials.GetAsync(connectionId, System, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : JsonSerializer.Deserialize<QboAppCredentials>(stored.Value, Json);
    }

    public static async Task SaveAsync(ICredentialStore credentials, Guid connectionId, QboAppCredentials app, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var version = await credentials.GetVersionAsync(connectionId, System, cancellationToken).ConfigureAwait(false);
            if (await credentials.TrySaveAsync(connectionId, System, JsonSerializer.Serialize(app, Json), version ?? 0, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException("The QuickBooks app credentials kept changing while being saved; try again.");
    }
}
