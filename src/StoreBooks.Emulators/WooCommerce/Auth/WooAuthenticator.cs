using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StoreBooks.Emulators.WooCommerce.Auth;

/// <summary>
/// Authenticates a WooCommerce REST call as <c>class-wc-rest-authentication.php</c> does: over HTTPS (<c>is_ssl()</c>)
/// <c>consumer_key</c>/<c>consumer_secret</c> in the query or HTTP Basic; otherwise, or when HTTPS brought neither, OAuth 1.0a
/// (query or <c>Authorization: OAuth</c>); then the key's read/write permission. Over plain HTTP, Basic and query keys are
/// ignored as WooCommerce ignores them, so such a call is the 401 of a call without credentials. The emulator listens on plain
/// HTTP: a call counts as HTTPS when it came over TLS or when a trusted proxy
/// (<see cref="WooCommerceEmulatorOptions.TrustedProxies"/>, loopback by default) says <c>X-Forwarded-Proto: https</c>.
/// </summary>
internal sealed class WooAuthenticator(WooCommerceEmulatorOptions options, TimeProvider time)
{
    private static readonly string[] Required = ["oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method"];
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);

    /// <summary>A WooCommerce error to answer with.</summary>
    public sealed record Failure(int Status, string Code, string Message, bool BasicChallenge = false)
    {
        public JsonObject Body => new() { ["code"] = Code, ["message"] = Message, ["data"] = new JsonObject { ["status"] = Status } };
    }

    public Failure? Authenticate(HttpContext context)
    {
        var request = context.Request;
        var query = request.Query;
        var https = IsHttps(context);
        WooApiKey? key;
        if (https && query.ContainsKey("consumer_key") && query.ContainsKey("consumer_secret"))
        {
            var result = CheckSecret(query["consumer_key"].ToString(), query["consumer_secret"].ToString(), out key);
            if (result is not null)
            {
                return result;
            }
        }
        else if (https && request.Headers.Authorization.ToString() is { } header && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            }
            catch (FormatException)
            {
                decoded = "";
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            var result = CheckSecret(colon < 0 ? decoded : decoded[..colon], colon < 0 ? "" : decoded[(colon + 1)..], out key);
            if (result is not null)
            {
                return result with { BasicChallenge = true };
            }
        }
        else if (OAuthParameters(request) is { Count: > 0 } oauth)
        {
            var result = CheckOAuth(request, https, oauth, out key);
            if (result is not null)
            {
                return result;
            }
        }
        else
        {
            var listing = HttpMethods.IsGet(request.Method);
            return new Failure(401, listing ? "woocommerce_rest_cannot_view" : "woocommerce_rest_cannot_create",
                listing ? "Sorry, you cannot list resources." : "Sorry, you are not allowed to create resources.");
        }

        var needsWrite = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        var permission = key!.Permissions;
        if (needsWrite && permission == "read")
        {
            return new Failure(401, "woocommerce_rest_authentication_error", "The API key provided does not have write permissions.");
        }

        if (!needsWrite && permission == "write")
        {
            return new Failure(401, "woocommerce_rest_authentication_error", "The API key provided does not have read permissions.");
        }

        return null;
    }

    /// <summary>
    /// WordPress's <c>is_ssl()</c>: the connection is TLS, or a trusted proxy in front says the client's was
    /// (the last <c>X-Forwarded-Proto</c> value, the one the nearest proxy added).
    /// </summary>
    internal bool IsHttps(HttpContext context)
    {
        if (context.Request.IsHttps)
        {
            return true;
        }

        var forwarded = context.Request.Headers["X-Forwarded-Proto"].ToString();
        if (forwarded.Length == 0)
        {
            return false;
        }

        var last = forwarded.Split(',')[^1].Trim();
        if (!string.Equals(last, "https", StringComparison.OrdinalIgnoreCase) || context.Connection.RemoteIpAddress is not { } peer)
        {
            return false;
        }

        if (peer.IsIPv4MappedToIPv6)
        {
            peer = peer.MapToIPv4();
        }

        return options.TrustedProxies.Any(trusted => trusted.Equals(peer));
    }

    private Failure? CheckSecret(string consumerKey, string consumerSecret, out WooApiKey? key)
    {
        key = options.Keys.FirstOrDefault(k => k.ConsumerKey == consumerKey);
        if (key is null)
        {
            return new Failure(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key.ConsumerSecret), Encoding.UTF8.GetBytes(consumerSecret))
            ? null
            : new Failure(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.");
    }

    /// <summary>Query parameters (last one wins, as PHP's $_GET) merged with those of an <c>Authorization: OAuth</c> header.</summary>
    private static Dictionary<string, string> OAuthParameters(HttpRequest request)
    {
        var all = request.Query.ToDictionary(p => p.Key, p => p.Value[^1] ?? "", StringComparer.Ordinal);
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var part in header[6..].Split(','))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    all[Uri.UnescapeDataString(part[..eq].Trim())] = Uri.UnescapeDataString(part[(eq + 1)..].Trim().Trim('"'));
                }
            }
        }

        return all.Keys.Any(k => k.StartsWith("oauth_", StringComparison.Ordinal)) ? all : [];
    }

    private Failure? CheckOAuth(HttpRequest request, bool https, Dictionary<string, string> parameters, out WooApiKey? key)
    {
        key = null;
        var missing = Required.Where(r => !parameters.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            return new Failure(401, "woocommerce_rest_authentication_missing_parameter", $"Missing OAuth parameter(s) {string.Join(", ", missing)}");
        }

        key = options.Keys.FirstOrDefault(k => k.ConsumerKey == parameters["oauth_consumer_key"]);
        if (key is null)
        {
            return new Failure(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
        }

        var method = parameters["oauth_signature_method"];
        if (method is not ("HMAC-SHA1" or "HMAC-SHA256"))
        {
            return new Failure(401, "woocommerce_rest_authentication_error", "Invalid signature - signature method is invalid.");
        }

        var baseUrl = $"{(https ? "https" : request.Scheme)}://{request.Host}{request.PathBase}{request.Path}";
        var expected = OAuthSignature.Compute(request.Method, baseUrl, parameters, key.ConsumerSecret, method);
        var provided = parameters["oauth_signature"].Replace(' ', '+');
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided)))
        {
            return new Failure(401, "woocommerce_rest_authentication_error", "Invalid signature - provided signature does not match.");
        }

        var now = time.GetUtcNow();
        if (!long.TryParse(parameters["oauth_timestamp"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalSeconds) > options.OAuthWindow.TotalSeconds)
        {
            return new Failure(401, "woocommerce_rest_authentication_error", "Invalid timestamp.");
        }

        foreach (var (old, at) in _nonces)
        {
            if (now - at > options.OAuthWindow)
            {
                _nonces.TryRemove(old, out _);
            }
        }

        if (!_nonces.TryAdd($"{key.ConsumerKey}:{parameters["oauth_nonce"]}", now))
        {
            return new Failure(401, "woocommerce_rest_authentication_error", "Invalid nonce - nonce has already been used.");
        }

        return null;
    }
}
