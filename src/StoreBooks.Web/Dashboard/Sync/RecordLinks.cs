using System.Globalization;
using StoreBooks.Core.Connections;
using StoreBooks.QuickBooks;
using StoreBooks.Shopify;
using StoreBooks.WooCommerce;

namespace StoreBooks.Web.Dashboard.Sync;

/// <summary>Where a merchant opens an order in their store's admin, and a document in QuickBooks.</summary>
public static class RecordLinks
{
    /// <summary>
    /// The order's page in the store's admin: Shopify's order page, WooCommerce's order edit page; none for a CSV export (or an
    /// id that is not a store's order number, such as a file's record).
    /// </summary>
    public static Uri? StoreOrder(Connection connection, string orderId)
    {
        if (orderId.Length == 0 || !orderId.All(char.IsAsciiDigit))
        {
            return null;
        }

        var settings = connection.SourceSettings;
        switch (connection.SourceKind)
        {
            case ShopifySource.SourceKind when (string?)settings[ShopifySource.ShopSetting] is { Length: > 0 } shop:
                var host = shop.Contains('.', StringComparison.Ordinal) ? shop : shop + ".myshopify.com";
                return Uri.TryCreate($"https://{host}/admin/orders/{orderId}", UriKind.Absolute, out var shopify) ? shopify : null;
            case WooCommerceSource.SourceKind when (string?)settings[WooCommerceSource.UrlSetting] is { Length: > 0 } site:
                return Uri.TryCreate($"{site.TrimEnd('/')}/wp-admin/post.php?post={orderId}&action=edit", UriKind.Absolute, out var woo)
                    && (woo.Scheme == Uri.UriSchemeHttps || woo.Scheme == Uri.UriSchemeHttp) ? woo : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The document in QuickBooks Online's app (production or sandbox company); none for another server (the emulator), whose
    /// documents have no app to open them in. <paramref name="entity"/> is "SalesReceipt", "Invoice"…
    /// </summary>
    public static Uri? QuickBooksDocument(Connection connection, string entity, string qboId)
    {
        if (connection.QboBaseUrl is not { } baseUrl || !qboId.All(char.IsAsciiDigit))
        {
            return null;
        }

        QboEnvironment environment;
        try
        {
            environment = QboEnvironment.Parse(baseUrl);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var app = environment == QboEnvironment.Production ? "https://app.qbo.intuit.com/app/"
            : environment == QboEnvironment.Sandbox ? "https://app.sandbox.qbo.intuit.com/app/"
            : null;
        return app is null ? null : new Uri(string.Create(CultureInfo.InvariantCulture, $"{app}{entity.ToLowerInvariant()}?txnId={qboId}"));
    }
}
