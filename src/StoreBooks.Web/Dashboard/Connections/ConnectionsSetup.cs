using Microsoft.Extensions.DependencyInjection;
using StoreBooks.Hosting.Connections;

namespace StoreBooks.Web.Dashboard.Connections;

/// <summary>What the connection pages need beyond the state store: the QuickBooks authorization, the state cookie, the overviews.</summary>
internal static class ConnectionsSetup
{
    public static void AddConnectionPages(this IServiceCollection services, ServeOptions options)
    {
        services.AddSingleton(new QuickBooksHttp());
        services.AddSingleton(provider => new QuickBooksAuthorization(provider.GetRequiredService<QuickBooksHttp>().Client, options.QuickBooks, options.Time));
        services.AddSingleton<QuickBooksStateCookie>();
        services.AddScoped<ConnectionOverviews>();
    }
}

/// <summary>The dashboard's one client for Intuit's OAuth server (discovery, code exchange, revoke); disposed with the host.</summary>
public sealed class QuickBooksHttp : IDisposable
{
    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => Client.Dispose();
}
