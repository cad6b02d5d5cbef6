using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Csv;
using StoreBooks.Shopify;
using StoreBooks.Shopify.Http;
using StoreBooks.WooCommerce;
using StoreBooks.WooCommerce.Http;

namespace StoreBooks.Hosting.Connections;

/// <summary>
/// What the one proving call (or the read of the files) found: what the store told about itself (<typeparamref name="T"/>: the
/// shop, the order count, the files' summary), or its own reasons for refusing, in its words.
/// </summary>
public sealed record StoreCheck<T>(T? Info, IReadOnlyList<string> Refusals)
{
    public bool Passed => Refusals.Count == 0;

    public static StoreCheck<T> Refuse(params string[] reasons) => new(default, reasons);
}

/// <summary>
/// Adds a store the way <c>storebooks connect</c> and the dashboard both do: first one cheap call (or a read of the files) proves
/// the store answers with what was given (<c>Check…</c>); only a store that passed is then saved (<c>Save…</c>) with its secret
/// stored encrypted. <see cref="IConnectionStore"/> is the home's for the command line, the signed-in workspace's for the dashboard.
/// </summary>
public static class StoreConnector
{
    public static async Task<StoreCheck<ShopifyShopInfo>> CheckShopifyAsync(ShopifySourceOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return new(await new ShopifySource(options).CheckAsync(cancellationToken).ConfigureAwait(false), []);
        }
        catch (ShopifyApiException e)
        {
            return StoreCheck<ShopifyShopInfo>.Refuse(e.Message);
        }
        catch (Exception e) when (Unreachable(e, cancellationToken))
        {
            return StoreCheck<ShopifyShopInfo>.Refuse($"Could not reach {options.Root.GetLeftPart(UriPartial.Authority)}: {e.Message} Check the shop's domain.");
        }
    }

    public static Task<SaveResult> SaveShopifyAsync(
        IConnectionStore connections, ICredentialStore credentials, string name, ShopifySourceOptions options, SaveMode mode, CancellationToken cancellationToken) =>
        ConnectionSaver.SaveAsync(
            connections, credentials, name, ShopifySource.SourceKind, "Shopify", ShopifySource.Settings(options), [ShopifySource.BaseUrlSetting],
            options.AccessToken, mode, cancellationToken);

    /// <summary>Proves the key may read orders; its info is the number of orders the site has.</summary>
    public static async Task<StoreCheck<int>> CheckWooCommerceAsync(WooCommerceSourceOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return new(await new WooCommerceSource(options).CheckAsync(cancellationToken).ConfigureAwait(false), []);
        }
        catch (WooCommerceApiException e)
        {
            return StoreCheck<int>.Refuse(e.Message);
        }
        catch (Exception e) when (Unreachable(e, cancellationToken))
        {
            return StoreCheck<int>.Refuse($"Could not reach {options.SiteUrl.GetLeftPart(UriPartial.Authority)}: {e.Message} Check the site's address.");
        }
    }

    public static Task<SaveResult> SaveWooCommerceAsync(
        IConnectionStore connections, ICredentialStore credentials, string name, WooCommerceSourceOptions options, SaveMode mode, CancellationToken cancellationToken) =>
        ConnectionSaver.SaveAsync(
            connections, credentials, name, WooCommerceSource.SourceKind, "WooCommerce", WooCommerceSource.Settings(options), [],
            new WooCommerceCredentials(options.ConsumerKey, options.ConsumerSecret).ToSecret(), mode, cancellationToken);

    /// <summary>
    /// Reads both files through: a file that is not the export it should be is refused, naming it; rows that cannot be read are in
    /// the summary's problems, which each sync reports.
    /// </summary>
    public static async Task<StoreCheck<CsvExportSummary>> CheckCsvAsync(CsvSourceOptions options, CancellationToken cancellationToken)
    {
        var summary = await CsvExportCheck.RunAsync(options, cancellationToken).ConfigureAwait(false);
        return new(summary, summary.FileErrors);
    }

    /// <summary>Saves the files' absolute paths; a new connection gets <paramref name="newId"/> when given (the dashboard's upload folder is named by it).</summary>
    public static Task<SaveResult> SaveCsvAsync(
        IConnectionStore connections, string name, CsvSourceOptions options, SaveMode mode, CancellationToken cancellationToken, Guid? newId = null) =>
        ConnectionSaver.SaveAsync(
            connections, credentials: null, name, CsvSource.SourceKind, "CSV files",
            new System.Text.Json.Nodes.JsonObject
            {
                [CsvSource.ProductsPathSetting] = options.ProductsPath,
                [CsvSource.OrdersPathSetting] = options.OrdersPath,
                [CsvSource.PayoutsPathSetting] = options.PayoutsPath,
            },
            [], secret: null, mode, cancellationToken, newId);

    private static bool Unreachable(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
