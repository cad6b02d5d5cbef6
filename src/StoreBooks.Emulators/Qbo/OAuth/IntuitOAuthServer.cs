using StoreBooks.Emulators.Qbo.Api;

namespace StoreBooks.Emulators.Qbo.OAuth;

/// <summary>SKELETON: Intuit's OAuth 2.0 server: authorization codes, access and refresh tokens (rotating), revocation.</summary>
public sealed class IntuitOAuthServer
{
    public IntuitOAuthServer(QboEmulatorOptions options, QboCompanies companies, TimeProvider time)
    {
        _ = options;
        _ = companies;
        _ = time;
    }
}
