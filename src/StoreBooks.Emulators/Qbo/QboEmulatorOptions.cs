using StoreBooks.Emulators.Qbo.Api;

namespace StoreBooks.Emulators.Qbo;

/// <summary>What the QuickBooks Online emulator starts with.</summary>
public sealed record QboEmulatorOptions
{
    /// <summary>The realms that exist at start-up. By default one QBO Plus company in the US with inventory tracking on.</summary>
    public IReadOnlyList<QboCompanySettings> Realms { get; init; } = [QboCompanySettings.DefaultUs];

    /// <summary>The one OAuth app the emulator knows (Intuit's "client id" and "client secret").</summary>
    public string ClientId { get; init; } = "demo-client";

    public string ClientSecret { get; init; } = "demo-secret";

    /// <summary>Access-token lifetime; QBO's is 3600 s, tests shorten it.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>Webhook verifier token: the key of the <c>intuit-signature</c> HMAC.</summary>
    public string WebhookVerifierToken { get; init; } = "demo-verifier-token";

    /// <summary>Where change notifications are POSTed after each write; none when null.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>A JSON file that keeps the emulator's state across restarts; state is in memory only when null.</summary>
    public string? DataFile { get; init; }

    /// <summary>Limits and the switches for behaviour QBO does not document precisely (requestid reuse, fault codes, CDC window).</summary>
    public QboApiOptions Api { get; init; } = new();
}
