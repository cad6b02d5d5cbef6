using System.Security.Cryptography;
using System.Text;

namespace StoreBooks.QuickBooks.OAuth;

/// <summary>The <c>state</c> value sent with the authorize URL and checked on the redirect (against forged redirects).</summary>
public static class QboAuthorizationState
{
    /// <summary>A new unguessable state (32 random bytes, base64url).</summary>
    public static string Create() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>True when <paramref name="received"/> is the state that was sent (constant-time compare).</summary>
    public static bool Matches(string expected, string? received) =>
        received is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(received));
}
