using StoreBooks.Core.Connections;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Csv;
using StoreBooks.Shopify;
using StoreBooks.Shopify.Http;
using StoreBooks.WooCommerce;

namespace StoreBooks.Cli.Common;

/// <summary>The store source of a connection, by its kind.</summary>
internal static class SourceFactory
{
    /// <summary>Shopify's rate limits of every shop this process reads, shared by all its Shopify sources.</summary>
    private static readonly ShopifyRateLimits ShopifyLimits = new();

    public static async Task<IStoreSource> CreateAsync(Connection connection, ICredentialStore credentials, CancellationToken cancellationToken)
    {
        switch (connection.SourceKind)
        {
            case CsvSource.SourceKind:
                return CsvSource.FromConnection(connection);
            case ShopifySource.SourceKind:
                var token = await credentials.GetAsync(connection.Id, ShopifySource.SourceKind, cancellationToken).ConfigureAwait(false)
                    ?? throw new CliException($"Connection \"{connection.Name}\" has no Shopify access token stored; run storebooks connect shopify --shop DOMAIN --token TOKEN --name {connection.Name}.");
                return ShopifySource.FromConnection(connection, token, limits: ShopifyLimits);
            case WooCommerceSource.SourceKind:
                var key = await credentials.GetAsync(connection.Id, WooCommerceSource.SourceKind, cancellationToken).ConfigureAwait(false)
                    ?? throw new CliException($"Connection \"{connection.Name}\" has no WooCommerce key stored; run storebooks connect woocommerce --url URL --key ck_… --secret cs_… --name {connection.Name}.");
                return WooCommerceSource.FromConnection(connection, key);
            default:
                throw new CliException($"Connection \"{connection.Name}\" reads from {connection.SourceKind}, which this StoreBooks does not know.");
        }
    }

    /// <summary>Every product the store has, with the rows it could not read.</summary>
    public static async Task<(List<Core.Model.StoreProduct> Products, List<SourceProblem> Problems)> ReadAllProductsAsync(IStoreSource source, CancellationToken cancellationToken)
    {
        var products = new List<Core.Model.StoreProduct>();
        var problems = new List<SourceProblem>();
        await foreach (var page in source.ReadProductsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            products.AddRange(page.Records);
            problems.AddRange(page.Problems);
        }

        return (products, problems);
    }
}
