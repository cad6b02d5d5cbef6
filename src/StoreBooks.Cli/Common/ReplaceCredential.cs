using StoreBooks.Core.Connections;
using StoreBooks.Hosting.Webhooks;

namespace StoreBooks.Cli.Common;

/// <summary>The exact command that enters a connection's credential again, replacing one that cannot be read.</summary>
internal static class ReplaceCredential
{
    public static string Command(Connection connection, string system)
    {
        var name = connection.Name.Contains(' ', StringComparison.Ordinal) ? $"\"{connection.Name}\"" : connection.Name;
        var setting = (string key) => (string?)connection.SourceSettings[key] ?? key.ToUpperInvariant();
        return system switch
        {
            "quickbooks" or "quickbooks-app" => $"storebooks connect quickbooks --connection {name}",
            "shopify" => $"storebooks connect shopify --name {name} --shop {setting("shop")} --token -",
            "woocommerce" => $"storebooks connect woocommerce --name {name} --url {setting("url")} --key KEY --secret -",
            "shopify-webhook" => WebhookSecrets.SetCommand(name, WebhookSecrets.Shopify),
            "woocommerce-webhook" => WebhookSecrets.SetCommand(name, WebhookSecrets.WooCommerce),
            "quickbooks-webhook" => WebhookSecrets.SetCommand(name, WebhookSecrets.QuickBooks),
            _ => $"storebooks connect {system} --name {name}",
        };
    }
}
