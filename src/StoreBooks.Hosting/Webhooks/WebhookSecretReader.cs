using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;

namespace StoreBooks.Hosting.Webhooks;

/// <summary>
/// Loads the webhook keys of <c>storebooks serve</c>, one connection at a time: a key that cannot be read (saved with another
/// secret key, or damaged) leaves that connection's webhooks refused and the others' working, and is logged once per
/// connection and provider, with the connection's name and the command that replaces it (never the key). Once the key reads
/// again (or is gone), a later failure is logged again.
/// </summary>
public sealed partial class WebhookSecretReader
{
    private readonly IStateStore _state;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(Guid ConnectionId, string Provider), bool> _reported = new();

    public WebhookSecretReader(IStateStore state, ILogger<WebhookSecretReader> logger)
    {
        _state = state;
        _logger = logger;
    }

    public async Task<StoredWebhookSecret> LoadAsync(Connection connection, string provider, CancellationToken cancellationToken)
    {
        var secret = await WebhookSecrets.LoadAsync(_state.Credentials, connection.Id, provider, cancellationToken).ConfigureAwait(false);
        if (secret.State == WebhookSecretState.Unreadable)
        {
            if (_reported.TryAdd((connection.Id, provider), true))
            {
                LogUnreadable(WebhookSecrets.Describe(provider), connection.Name, WebhookSecrets.SetCommand(connection.Name, provider));
            }
        }
        else
        {
            _reported.TryRemove((connection.Id, provider), out _);
        }

        return secret;
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The {Secret} of connection \"{Connection}\" cannot be read (it was saved with another secret key, or is damaged): its webhooks are refused, other connections' are not. Run {Command} to replace it")]
    private partial void LogUnreadable(string secret, string connection, string command);
}
