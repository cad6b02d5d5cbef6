using StoreBooks.Emulators.Qbo.Api;
using StoreBooks.Emulators.Qbo.OAuth;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Qbo.Webhooks;

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

    /// <summary>More apps besides the default one, for tests of limits metered per realm and app.</summary>
    public IReadOnlyList<QboOAuthApp> OtherApps { get; init; } = [];

    /// <summary>Rolling refresh-token lifetime, extended by each refresh (Intuit answers x_refresh_token_expires_in 8726400).</summary>
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromSeconds(8_726_400);

    /// <summary>Hard limit of a connection's refresh tokens (Intuit: 5 years), reported as x_refresh_token_hard_expires_in.</summary>
    public TimeSpan RefreshTokenMaxLifetime { get; init; } = TimeSpan.FromDays(5 * 365);

    /// <summary>
    /// How long a refresh token replaced by a newer one may still be presented (and gets the newest pair back).
    /// Zero by default: Intuit only documents "always store the latest", so a strict server shows a client's mistakes.
    /// </summary>
    public TimeSpan RefreshTokenReuseGrace { get; init; } = TimeSpan.Zero;

    /// <summary>How long an authorization code from /connect/oauth2 may wait before the token exchange.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>QBO's request limits per realm (and app); tests use small numbers.</summary>
    public QboLimits Limits { get; init; } = new();

    /// <summary>Faults every realm starts with (none by default); switch them per realm at run time through the admin endpoints.</summary>
    public QboFaultSettings Faults { get; init; } = new();

    /// <summary>Payload shape of webhook notifications.</summary>
    public QboWebhookFormat WebhookFormat { get; init; } = QboWebhookFormat.EventNotifications;

    /// <summary>Changes made within this window after the first one go out in one notification (QBO batches too).</summary>
    public TimeSpan WebhookBatchWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Waits before each new attempt when the webhook endpoint does not answer 2xx; one attempt plus one per entry.</summary>
    public IReadOnlyList<TimeSpan> WebhookRetryDelays { get; init; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    /// <summary>With <see cref="DataFile"/>: how long after a change the file is rewritten (changes in between are saved together).</summary>
    public TimeSpan DataSaveDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Limits and the switches for behaviour QBO does not document precisely (requestid reuse, fault codes, CDC window).</summary>
    public QboApiOptions Api { get; init; } = new();
}
