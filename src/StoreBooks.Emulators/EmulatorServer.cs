using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http.Features;
using StoreBooks.Emulators.Http;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Shopify;
using StoreBooks.Emulators.WooCommerce;

namespace StoreBooks.Emulators;

/// <summary>
/// One web server on 127.0.0.1 that speaks every emulated system at its real paths:
/// QuickBooks Online's Accounting API and Intuit's OAuth 2.0 today, the store platforms later.
/// Their paths do not overlap, so one port serves them all.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, Uri baseUrl, QboEmulator qbo)
    {
        _app = app;
        BaseUrl = baseUrl;
        Qbo = qbo;
    }

    /// <summary>Root address, e.g. <c>http://127.0.0.1:5055/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The QuickBooks Online and Intuit OAuth emulator.</summary>
    public QboEmulator Qbo { get; }

    /// <summary>The Shopify Admin API emulator (<c>/admin/api/{version}/…</c>, admin API under <c>/emulator/shopify</c>).</summary>
    public ShopifyEmulator Shopify { get; private init; } = null!;

    /// <summary>The WooCommerce REST API emulator (<c>/wp-json/wc/v3/…</c>, admin API under <c>/emulator/woocommerce</c>).</summary>
    public WooCommerceEmulator WooCommerce { get; private init; } = null!;

    /// <summary>Starts listening; with a data file, its state is loaded first (an unreadable file throws InvalidDataException).</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        // No configuration files are read from the working folder, so nothing is watched there: by default the host watches its
        // content root (the folder serve was started in) and every folder under it for appsettings changes.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        builder.Logging.ClearProviders();
        if (options.LogRequests)
        {
            builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }

        var app = builder.Build();
        app.Use(LastResortErrors.InvokeAsync);
        var qbo = new QboEmulator(options.Qbo, options.Time);
        qbo.Map(app);
        var shopify = new ShopifyEmulator(options.Shopify, options.Time);
        shopify.Map(app);
        var wooCommerce = new WooCommerceEmulator(options.WooCommerce, options.Time);
        wooCommerce.Map(app);

        try
        {
            qbo.Start();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await qbo.DisposeAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        qbo.BaseUrl = baseUrl;
        wooCommerce.SiteUrl = baseUrl.ToString().TrimEnd('/');
        return new EmulatorServer(app, baseUrl, qbo) { Shopify = shopify, WooCommerce = wooCommerce };
    }

    /// <summary>Blocks until the server is stopped (Ctrl+C in the CLI).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => ((IHost)_app).WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening, stops webhook delivery and writes the data file a last time.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await Qbo.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await Shopify.DisposeAsync().ConfigureAwait(false);
        await WooCommerce.DisposeAsync().ConfigureAwait(false);
    }
}
