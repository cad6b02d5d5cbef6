using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using StoreBooks.QuickBooks.Http;

namespace StoreBooks.Web;

/// <summary>How <c>storebooks serve</c> listens, how often it looks for due syncs, and how it guards its webhook endpoints and dashboard.</summary>
public sealed record ServeOptions
{
    /// <summary>The address StoreBooks listens on unless told otherwise: this machine only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Addresses to listen on (<c>--urls</c>); port 0 picks a free one (read it back from <see cref="StoreBooksServer.Addresses"/>).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>Longest time between two looks for due connections (a webhook wakes it at once).</summary>
    public TimeSpan DispatchInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Syncs of different QuickBooks companies run at once, up to this many.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Webhook deliveries accepted per sender and endpoint (a connection's URL, or the QuickBooks one) in each <see cref="WebhookRateWindow"/>; more get 429.</summary>
    public int WebhookPermits { get; init; } = 600;

    public TimeSpan WebhookRateWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest webhook body accepted (a Shopify order with many lines is well under it).</summary>
    public int MaxWebhookBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>How long webhook deliveries are remembered to drop duplicates.</summary>
    public TimeSpan InboxRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long runs (and resolved issues) are kept in the log; null keeps them all. Each connection's last run stays.</summary>
    public TimeSpan? RunRetention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>The clock of schedules, runs and the dispatcher's ticks.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The folder of the per-company lock files that <c>storebooks sync</c> also takes (the home's <c>locks</c>); null keeps the
    /// lock within this process.
    /// </summary>
    public string? LockDirectory { get; init; }

    /// <summary>Where logs go (nowhere when null).</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>
    /// Where the dashboard keeps the keys that sign its session and antiforgery cookies (the home's <c>dashboard-keys</c>), so
    /// sessions outlive a restart; null keeps them in memory (every restart signs everyone out).
    /// </summary>
    public string? DashboardKeysDirectory { get; init; }

    /// <summary>
    /// Hosted mode: keeps the dashboard's keys where every web process finds them (the database's key ring), so a session signed
    /// in through one process is honoured by all; it wins over <see cref="DashboardKeysDirectory"/>.
    /// </summary>
    public Action<IDataProtectionBuilder>? DashboardKeyRing { get; init; }

    /// <summary>How long a dashboard session lasts without a visit (each visit in its second half renews it).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in (and sign-up) attempts accepted from one address in each <see cref="SignInRateWindow"/>; more get 429.</summary>
    public int SignInPermits { get; init; } = 10;

    public TimeSpan SignInRateWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Retry pacing of the QuickBooks clients (the client's defaults when null).</summary>
    public QboRetryOptions? QboRetry { get; init; }

    /// <summary>The per-company limits the QuickBooks clients keep (QuickBooks Online's own when null, or the shared budget's).</summary>
    public QboLimitsOptions? QboLimits { get; init; }

    /// <summary>
    /// The QuickBooks the dashboard connects companies to (Intuit's production by default, or sandbox, or an Intuit-compatible base
    /// URL such as the emulator's) and the Intuit app that asks. Intuit redirects back to <c>/quickbooks/callback</c> on
    /// <see cref="PublicUrl"/>, or without it on the address the merchant opened the dashboard at: register that address in the
    /// Intuit app.
    /// </summary>
    public StoreBooks.Hosting.Connections.QuickBooksSetup QuickBooks { get; init; } = new();

    /// <summary>
    /// The address people and stores reach this server at behind a proxy (<c>--public-url</c>, see <see cref="PublicAddress"/>):
    /// requests are taken as made to it. Null takes each request's own scheme and host.
    /// </summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>Where CSV exports uploaded in the dashboard are kept (the home's <c>uploads</c>); null refuses uploads.</summary>
    public string? UploadDirectory { get; init; }

    /// <summary>Largest CSV export the dashboard takes, per file.</summary>
    public long MaxCsvUploadBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>
    /// When set, <c>/metrics</c> answers only requests with <c>Authorization: Bearer</c> and this token (401 otherwise); when
    /// null it is open, like <c>/healthz</c> (it holds counts and durations only). Set it when the address is reachable beyond
    /// the operators' network (<c>STOREBOOKS_METRICS_TOKEN</c> for <c>serve</c>).
    /// </summary>
    public string? MetricsToken { get; init; }

    // Hosted mode (serve --database): several processes on one PostgreSQL database.

    /// <summary>What this process does: dashboard and webhooks, running syncs, or both (the default).</summary>
    public StoreBooks.Hosting.Scheduling.ServeRole Role { get; init; } = StoreBooks.Hosting.Scheduling.ServeRole.All;

    /// <summary>The job engine that queues and runs syncs in place of the in-process worker; null runs them in this process.</summary>
    public StoreBooks.Hosting.Scheduling.ISyncEngine? Engine { get; init; }

    /// <summary>The per-company lock shared with the other processes (before <see cref="LockDirectory"/>); null uses that.</summary>
    public StoreBooks.Hosting.Scheduling.IConnectionLock? ConnectionLock { get; init; }

    /// <summary>
    /// The QuickBooks request budget shared with the other processes (PostgreSQL's, see
    /// <see cref="StoreBooks.Hosting.QuickBooksLimits.PostgresRealmBudget"/>), kept by every QuickBooks client this server makes
    /// (syncs, pickers, previews); null keeps the budget within this process. The caller disposes it after the server.
    /// </summary>
    public IQboSharedBudget? QboSharedBudget { get; init; }
}
