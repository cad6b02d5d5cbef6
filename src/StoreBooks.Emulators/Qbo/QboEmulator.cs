using Microsoft.AspNetCore.Builder;
using StoreBooks.Emulators.Qbo.Api;
using StoreBooks.Emulators.Qbo.OAuth;
using StoreBooks.Emulators.Qbo.Traffic;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Qbo.Webhooks;

namespace StoreBooks.Emulators.Qbo;

/// <summary>
/// QuickBooks Online Accounting API v3 and Intuit's OAuth 2.0, as one emulated system.
/// <list type="bullet">
/// <item><see cref="Companies"/>: the realms, their entities and QBO's rules and arithmetic (<c>Api/</c>).</item>
/// <item><see cref="OAuth"/>: authorize, token, revoke, and the bearer tokens checked on every call (<c>OAuth/</c>).</item>
/// <item><see cref="Traffic"/>: QBO's request limits and the fault switches (<c>Traffic/</c>).</item>
/// <item><see cref="Webhooks"/>: signed change notifications (<c>Webhooks/</c>).</item>
/// </list>
/// </summary>
public sealed class QboEmulator
{
    public QboEmulator(QboEmulatorOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Companies = new QboCompanies(options, time);
        OAuth = new IntuitOAuthServer(options, Companies, time);
        Traffic = new QboTrafficControl(options, time);
        Webhooks = new QboWebhookSender(options, Companies, time);
    }

    public QboEmulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public QboCompanies Companies { get; }

    public IntuitOAuthServer OAuth { get; }

    public QboTrafficControl Traffic { get; }

    public QboWebhookSender Webhooks { get; }

    /// <summary>Set once the server listens; endpoints named in the discovery document are built from it.</summary>
    public Uri BaseUrl { get; internal set; } = new("http://127.0.0.1/");

    internal void Map(WebApplication app)
    {
        DiscoveryEndpoint.Map(app, this);
        OAuthEndpoints.Map(app, this);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/v3", StringComparison.Ordinal),
            branch => branch.Use((context, next) => QboGate.InvokeAsync(context, next, this)));
        AccountingApi.Map(app, this);
        AdminEndpoints.Map(app, this);
    }
}
