using System.Security.Cryptography;
using System.Text;

namespace StoreBooks.Emulators.Qbo.Webhooks;

/// <summary>QBO's <c>intuit-signature</c>: base64 of HMAC-SHA256 over the raw body, keyed with the app's verifier token (UTF-8).</summary>
public static class WebhookSignature
{
    public const string HeaderName = "intuit-signature";

    public static string Sign(string verifierToken, ReadOnlySpan<byte> rawBody) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), rawBody));

    /// <summary>Whether <paramref name="signature"/> is the signature of <paramref name="rawBody"/> (constant-time compare).</summary>
    public static bool Verify(string verifierToken, ReadOnlySpan<byte> rawBody, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(verifierToken, rawBody));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
