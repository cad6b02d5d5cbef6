using System.Text.Json;
using StoreBooks.Core.State;

namespace StoreBooks.WooCommerce;

/// <summary>
/// A WooCommerce REST API key and its secret, kept together as one secret in the credential store (system "woocommerce"),
/// as JSON: <c>{"consumerKey":"ck_…","consumerSecret":"cs_…"}</c>.
/// </summary>
public sealed record WooCommerceCredentials(string ConsumerKey, string ConsumerSecret)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The secret to store.</summary>
    public string ToSecret() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored secret; a clear error when it is not one.</summary>
    public static WooCommerceCredentials From(StoredSecret secret)
    {
        try
        {
            var credentials = JsonSerializer.Deserialize<WooCommerceCredentials>(secret.Value, Json);
            if (credentials is { ConsumerKey.Length: > 0, ConsumerSecret.Length: > 0 })
            {
                return credentials;
            }
        }
        catch (JsonException)
        {
            // Reported below without echoing the secret.
        }

        throw new InvalidOperationException("The stored WooCommerce credentials are not a key and secret; run storebooks connect woocommerce again.");
    }

    public override string ToString() => $"WooCommerceCredentials {{ ConsumerKey = {ConsumerKey}, ConsumerSecret = (hidden) }}";
}
