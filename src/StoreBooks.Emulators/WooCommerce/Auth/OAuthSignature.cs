using System.Security.Cryptography;
using System.Text;

namespace StoreBooks.Emulators.WooCommerce.Auth;

/// <summary>
/// WooCommerce's OAuth 1.0a one-legged signature: parameters de-duplicated last-wins, <c>oauth_signature</c> dropped, sorted
/// by key, each key and value RFC-3986 encoded, each <c>k=v</c> pair encoded again and joined with <c>%26</c>; the base string
/// is <c>METHOD&amp;enc(url)&amp;pairs</c>, the key <c>consumer_secret&amp;</c>, the hash HMAC-SHA1 or HMAC-SHA256 in base64.
/// </summary>
public static class OAuthSignature
{
    public static string Compute(string method, string baseUrl, IEnumerable<KeyValuePair<string, string>> parameters, string consumerSecret, string signatureMethod)
    {
        var pairs = parameters
            .Where(p => p.Key != "oauth_signature")
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Encode($"{p.Key}={p.Value}"));
        var baseString = $"{method.ToUpperInvariant()}&{Encode(baseUrl)}&{string.Join("%26", pairs)}";
        var key = Encoding.UTF8.GetBytes(consumerSecret + "&");
        var data = Encoding.UTF8.GetBytes(baseString);
        var hash = signatureMethod == "HMAC-SHA1" ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data);
        return Convert.ToBase64String(hash);
    }

    /// <summary>RFC 3986 percent-encoding (PHP's rawurlencode).</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);
}
