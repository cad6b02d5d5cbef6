using System.Text.Json.Serialization;

namespace StoreBooks.QuickBooks.OAuth;

/// <summary>Intuit's OAuth 2.0 endpoints as an OpenID discovery document names them (see <see cref="QboDiscovery"/>).</summary>
public sealed record QboOAuthEndpoints
{
    [JsonPropertyName("issuer")]
    public string? Issuer { get; init; }

    [JsonPropertyName("authorization_endpoint")]
    public required Uri AuthorizationEndpoint { get; init; }

    [JsonPropertyName("token_endpoint")]
    public required Uri TokenEndpoint { get; init; }

    [JsonPropertyName("revocation_endpoint")]
    public required Uri RevocationEndpoint { get; init; }

    [JsonPropertyName("userinfo_endpoint")]
    public Uri? UserInfoEndpoint { get; init; }

    [JsonPropertyName("jwks_uri")]
    public Uri? JwksUri { get; init; }

    [JsonPropertyName("token_endpoint_auth_methods_supported")]
    public IReadOnlyList<string>? TokenEndpointAuthMethodsSupported { get; init; }
}
