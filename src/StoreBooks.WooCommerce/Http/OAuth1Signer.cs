using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StoreBooks.WooCommerce.Http;

/// <summary>
/// WooCommerce's one-legged OAuth 1.0a (HMAC-SHA256), the only way WooCommerce accepts keys over plain HTTP: the request's
/// query parameters plus <c>oauth_consumer_key</c>, <c>oauth_nonce</c>, <c>oauth_signature_method</c>, <c>oauth_timestamp</c>
/// and <c>oauth_version</c> are each RFC 3986 encoded, sorted by key, joined as <c>k=v</c> pairs, encoded again and joined with
/// <c>%26</c>; the base string is <c>METHOD&amp;enc(url without query)&amp;pairs</c> and the key <c>consumer_secret&amp;</c>.
/// The signed parameters travel in the query string. A fresh nonce is drawn for every request, since WooCommerce refuses a
/// nonce used in the last 15 minutes.
/// </summary>
internal static class OAuth1Signer
{
    public static Uri Sign(HttpMethod method, Uri url, string consumerKey, string consumerSecret, DateTimeOffset now)
    {
        var parameters = Query(url);
        parameters.Add(("oauth_consumer_key", consumerKey));
        parameters.Add(("oauth_nonce", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))));
        parameters.Add(("oauth_signature_method", "HMAC-SHA256"));
        parameters.Add(("oauth_timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        parameters.Add(("oauth_version", "1.0"));
        var baseUrl = url.GetLeftPart(UriPartial.Path);
        var pairs = parameters
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => Encode($"{p.Key}={p.Value}"));
        var baseString = $"{method.Method.ToUpperInvariant()}&{Encode(baseUrl)}&{string.Join("%26", pairs)}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(consumerSecret + "&"), Encoding.UTF8.GetBytes(baseString)));
        parameters.Add(("oauth_signature", signature));
        var query = string.Join('&', parameters.Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));
        return new Uri($"{baseUrl}?{query}");
    }

    /// <summary>RFC 3986 percent-encoding (PHP's rawurlencode).</summary>
    private static string Encode(string value) => Uri.EscapeDataString(value);

    private static List<(string Key, string Value)> Query(Uri url)
    {
        var list = new List<(string, string)>();
        foreach (var part in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            list.Add((Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
        }

        return list;
    }
}
