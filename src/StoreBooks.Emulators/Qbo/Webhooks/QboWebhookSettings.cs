namespace StoreBooks.Emulators.Qbo.Webhooks;

/// <summary>Where notifications go, the key they are signed with and their shape (<c>GET/PUT /emulator/qbo/webhooks</c>).</summary>
public sealed record QboWebhookSettings(Uri? Url, string VerifierToken, QboWebhookFormat Format);

/// <summary>How webhook delivery has gone since start.</summary>
/// <param name="Delivered">Notifications the endpoint answered with 2xx.</param>
/// <param name="FailedAttempts">Attempts that got another status, a timeout or no connection.</param>
/// <param name="Abandoned">Notifications given up after the last retry.</param>
/// <param name="LastError">What went wrong on the last failed attempt, if any.</param>
public sealed record QboWebhookStats(long Delivered, long FailedAttempts, long Abandoned, string? LastError);
