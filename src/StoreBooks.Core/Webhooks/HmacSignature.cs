using System.Security.Cryptography;
using System.Text;

namespace StoreBooks.Core.Webhooks;

/// <summary>
/// The signature stores put on their webhooks (Shopify's <c>X-Shopify-Hmac-Sha256</c>, WooCommerce's
/// <c>X-WC-Webhook-Signature</c>): base64(HMAC-SHA256(secret, raw body)), checked in constant time on the raw bytes, before any
/// JSON is parsed.
/// </summary>
public static class HmacSignature
{
    /// <summary>True when <paramref name="signatureHeader"/> is the signature of <paramref name="rawBody"/> with <paramref name="secret"/>.</summary>
    public static bool IsValid(ReadOnlySpan<byte> rawBody, string? signatureHeader, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signatureHeader.Trim(), given, out var length))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..length]);
    }
}
