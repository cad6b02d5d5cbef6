using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StoreBooks.QuickBooks.Json;

namespace StoreBooks.QuickBooks.Webhooks;

/// <summary>
/// Checks a webhook's <c>intuit-signature</c> (base64 HMAC-SHA256 of the raw body keyed with the app's verifier token)
/// and reads either body format.
/// </summary>
public static class QboWebhookReader
{
    public static bool HasValidSignature(ReadOnlySpan<byte> rawBody, string? signatureHeader, string verifierToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(verifierToken);
        if (string.IsNullOrEmpty(signatureHeader))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), rawBody, expected);
        Span<byte> given = stackalloc byte[64];
        return Convert.TryFromBase64String(signatureHeader, given, out var written)
            && CryptographicOperations.FixedTimeEquals(expected, given[..written]);
    }

    /// <summary>The legacy body (<c>{"eventNotifications":[…]}</c>).</summary>
    public static QboWebhookPayload ReadLegacy(ReadOnlySpan<byte> rawBody) =>
        JsonSerializer.Deserialize(rawBody, QboJsonContext.Default.QboWebhookPayload) ?? new QboWebhookPayload();

    /// <summary>The CloudEvents body (a JSON array of events).</summary>
    public static IReadOnlyList<QboCloudEvent> ReadCloudEvents(ReadOnlySpan<byte> rawBody) =>
        JsonSerializer.Deserialize(rawBody, QboJsonContext.Default.IReadOnlyListQboCloudEvent) ?? [];
}
