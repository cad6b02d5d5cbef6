using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StoreBooks.Emulators.Qbo.OAuth;

/// <summary>Intuit's OpenID discovery document, naming this server's own OAuth endpoints.</summary>
internal static class DiscoveryEndpoint
{
    public static void Map(WebApplication app, QboEmulator qbo)
    {
        app.MapGet("/.well-known/openid_configuration", () => Results.Text(Document(qbo.BaseUrl).ToJsonString(), "application/json"));
        app.MapGet("/.well-known/openid_sandbox_configuration", () => Results.Text(Document(qbo.BaseUrl).ToJsonString(), "application/json"));
    }

    private static JsonObject Document(Uri baseUrl)
    {
        string At(string path) => new Uri(baseUrl, path).ToString();
        return new JsonObject
        {
            ["issuer"] = At("op/v1"),
            ["authorization_endpoint"] = At("connect/oauth2"),
            ["token_endpoint"] = At("oauth2/v1/tokens/bearer"),
            ["userinfo_endpoint"] = At("v1/openid_connect/userinfo"),
            ["revocation_endpoint"] = At("v2/oauth2/tokens/revoke"),
            ["jwks_uri"] = At("op/v1/jwks"),
            ["response_types_supported"] = new JsonArray("code"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["scopes_supported"] = new JsonArray("openid", "email", "profile", "address", "phone"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
            ["claims_supported"] = new JsonArray("aud", "exp", "iat", "iss", "realmid", "sub"),
        };
    }
}
