using Microsoft.AspNetCore.Builder;
using StoreBooks.Emulators.Qbo.OAuth;

namespace StoreBooks.Emulators.Qbo;

/// <summary>QuickBooks Online Accounting API v3 and Intuit's OAuth 2.0, as one emulated system.</summary>
public sealed class QboEmulator
{
    public QboEmulator(TimeProvider time)
    {
        Time = time;
    }

    public TimeProvider Time { get; }

    /// <summary>Set once the server listens; endpoints named in the discovery document are built from it.</summary>
    public Uri BaseUrl { get; internal set; } = new("http://127.0.0.1/");

    internal void Map(WebApplication app)
    {
        DiscoveryEndpoint.Map(app, this);
    }
}
