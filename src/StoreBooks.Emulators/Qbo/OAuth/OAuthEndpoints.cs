using Microsoft.AspNetCore.Builder;

namespace StoreBooks.Emulators.Qbo.OAuth;

/// <summary>SKELETON: authorize, token, revoke and userinfo at Intuit's paths.</summary>
internal static class OAuthEndpoints
{
    public static void Map(WebApplication app, QboEmulator qbo)
    {
        _ = app;
        _ = qbo;
    }
}
