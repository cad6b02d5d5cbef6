using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StoreBooks.Core.State;
using StoreBooks.Csv;
using StoreBooks.Hosting.Connections;
using StoreBooks.Shopify;
using StoreBooks.Web.Dashboard.Formatting;
using StoreBooks.Web.Dashboard.Resources;
using StoreBooks.Web.Dashboard.Shared;
using StoreBooks.WooCommerce;

namespace StoreBooks.Web.Dashboard.Connections;

/// <summary>
/// Add a store to the workspace: Shopify (shop and Admin API token), WooCommerce (site, key and secret) or a CSV export (the
/// products and orders exports uploaded, and optionally the payment transactions export for payouts, as <c>storebooks connect csv
/// --payouts</c> takes it). Each is proven by the same check <c>storebooks connect</c> makes before anything is saved; a refusal shows the
/// store's own reason and keeps what was typed, never the token or secret. Secrets go to the encrypted credential store only.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class AddModel(CurrentWorkspace workspace, IStateStore state, ServeOptions options, IStringLocalizer<DashboardText> text) : PageModel
{
    /// <summary>The longest connection name: it is typed in storebooks commands and heads every page of the connection.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Largest add-store post: three CSV files of the largest size (<see cref="ServeOptions.MaxCsvUploadBytes"/> by default) and the form.</summary>
    public const long MaxRequestBytes = (3 * 20 * 1024 * 1024) + (64 * 1024);

    public static IReadOnlyList<string> Stores { get; } = [ShopifySource.SourceKind, WooCommerceSource.SourceKind, CsvSource.SourceKind];

    [FromQuery(Name = "store")]
    public string? Store { get; set; }

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string ShopDomain { get; set; } = "";

    [BindProperty]
    public string AccessToken { get; set; } = "";

    [BindProperty]
    public string ApiAddress { get; set; } = "";

    [BindProperty]
    public string SiteUrl { get; set; } = "";

    [BindProperty]
    public string ConsumerKey { get; set; } = "";

    [BindProperty]
    public string ConsumerSecret { get; set; } = "";

    [BindProperty]
    public IFormFile? ProductsFile { get; set; }

    [BindProperty]
    public IFormFile? OrdersFile { get; set; }

    /// <summary>Optional: Shopify's payment transactions export, read for payouts (the connection's <c>payoutsPath</c>).</summary>
    [BindProperty]
    public IFormFile? PayoutsFile { get; set; }

    /// <summary>The store whose form shows: the one asked for, else Shopify.</summary>
    public string Kind => Stores.Contains(Store) ? Store! : ShopifySource.SourceKind;

    /// <summary>What went wrong, in the merchant's language.</summary>
    public string? Error { get; private set; }

    /// <summary>The store's (or the files') own reasons, as the store gave them.</summary>
    public IReadOnlyList<string> Reasons { get; private set; } = [];

    public long MaxFileMegabytes => Math.Max(1, options.MaxCsvUploadBytes / (1024 * 1024));

    public bool UploadsOn => options.UploadDirectory is not null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostShopifyAsync(CancellationToken cancellationToken)
    {
        Store = ShopifySource.SourceKind;
        var token = AccessToken.Trim();
        AccessToken = "";
        if (!Filled(Name, ShopDomain, token))
        {
            return Refuse(text["Connect_Required"]);
        }

        if (Name.Trim().Length > MaxNameLength)
        {
            return Refuse(text["Connect_NameTooLong", Name.Trim().Length, MaxNameLength]);
        }

        var domain = ShopifySourceOptions.NormalizeShop(ShopDomain);
        if (Uri.CheckHostName(domain) != UriHostNameType.Dns)
        {
            return Refuse(text["Connect_ShopDomainInvalid", ShopDomain.Trim()]);
        }

        Uri? baseUrl = null;
        if (ApiAddress.Trim().Length > 0 && !TryHttpUrl(ApiAddress, out baseUrl))
        {
            return Refuse(text["Connect_UrlInvalid", ApiAddress.Trim()]);
        }

        var shop = new ShopifySourceOptions { Shop = domain, AccessToken = token, BaseUrl = baseUrl, MaxAttempts = 2 };
        var check = await StoreConnector.CheckShopifyAsync(shop, cancellationToken).ConfigureAwait(false);
        if (!check.Passed)
        {
            return Refuse(text["Connect_StoreRefused", "Shopify"], check.Refusals);
        }

        return Saved(await StoreConnector.SaveShopifyAsync(workspace.Connections, state.Credentials, Name.Trim(), shop, SaveMode.CreateOnly, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IActionResult> OnPostWooCommerceAsync(CancellationToken cancellationToken)
    {
        Store = WooCommerceSource.SourceKind;
        var secret = ConsumerSecret.Trim();
        ConsumerSecret = "";
        if (!Filled(Name, SiteUrl, ConsumerKey, secret))
        {
            return Refuse(text["Connect_Required"]);
        }

        if (Name.Trim().Length > MaxNameLength)
        {
            return Refuse(text["Connect_NameTooLong", Name.Trim().Length, MaxNameLength]);
        }

        if (!TryHttpUrl(SiteUrl, out var site))
        {
            return Refuse(text["Connect_UrlInvalid", SiteUrl.Trim()]);
        }

        var woo = new WooCommerceSourceOptions { SiteUrl = site, ConsumerKey = ConsumerKey.Trim(), ConsumerSecret = secret, MaxAttempts = 2 };
        var check = await StoreConnector.CheckWooCommerceAsync(woo, cancellationToken).ConfigureAwait(false);
        if (!check.Passed)
        {
            return Refuse(text["Connect_StoreRefused", "WooCommerce"], check.Refusals);
        }

        return Saved(await StoreConnector.SaveWooCommerceAsync(workspace.Connections, state.Credentials, Name.Trim(), woo, SaveMode.CreateOnly, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IActionResult> OnPostCsvAsync(CancellationToken cancellationToken)
    {
        Store = CsvSource.SourceKind;
        if (options.UploadDirectory is not { } directory)
        {
            return Refuse(text["Connect_UploadsOff"]);
        }

        if (!Filled(Name))
        {
            return Refuse(text["Connect_Required"]);
        }

        if (Name.Trim().Length > MaxNameLength)
        {
            return Refuse(text["Connect_NameTooLong", Name.Trim().Length, MaxNameLength]);
        }

        var uploads = new CsvUploads(directory, options.MaxCsvUploadBytes);
        var products = Upload(ProductsFile);
        var orders = Upload(OrdersFile);
        var payouts = Upload(PayoutsFile);
        var refusals = uploads.Check(products, orders, payouts);
        if (refusals.Count > 0)
        {
            return Refuse(text["Connect_FilesRefused"], refusals.Select(r => OverviewText.Upload(r, MaxFileMegabytes, text)).ToList());
        }

        var id = Guid.NewGuid();
        var saved = false;
        try
        {
            // The same check as storebooks connect csv --payouts: every file read once, the payouts' included, before anything is saved.
            var (productsPath, ordersPath, payoutsPath) = await uploads.SaveAsync(id, products!, orders!, payouts, cancellationToken).ConfigureAwait(false);
            var csv = new CsvSourceOptions { ProductsPath = productsPath, OrdersPath = ordersPath, PayoutsPath = payoutsPath };
            var check = await StoreConnector.CheckCsvAsync(csv, cancellationToken).ConfigureAwait(false);
            if (!check.Passed)
            {
                // The files' own reasons, in the reader's language (the command line writes their English).
                var reasons = check.Info?.FileErrorDetails is { Count: > 0 } details ? [.. details.Select(d => MessageText.Show(text, d, d.Text))] : check.Refusals;
                return Refuse(text["Connect_FilesRefused"], reasons);
            }

            var result = await StoreConnector.SaveCsvAsync(workspace.Connections, Name.Trim(), csv, SaveMode.CreateOnly, cancellationToken, id).ConfigureAwait(false);
            saved = result.Saved;
            if (saved)
            {
                // Kept with the connection too, for the processes that sync it elsewhere (hosted mode's workers).
                await uploads.PublishAsync(state.Uploads, id, cancellationToken).ConfigureAwait(false);
            }

            return Saved(result);
        }
        catch (InvalidDataException)
        {
            return Refuse(text["Connect_FilesRefused"], [text["Connect_CsvTooLarge_products", "", MaxFileMegabytes].Value]);
        }
        finally
        {
            if (!saved)
            {
                uploads.Forget(id);
            }
        }
    }

    private IActionResult Saved(SaveResult result)
    {
        if (result.Connection is { } connection)
        {
            return Redirect($"/connections/{connection.Id}?done=added");
        }

        return Refuse(result.Problem switch
        {
            SaveProblem.NameUsedByOtherStore or SaveProblem.NameTaken => text["Connect_NameTaken", Name.Trim()],
            _ => text["Connect_SaveFailed", result.Message ?? ""],
        });
    }

    private PageResult Refuse(string error, IReadOnlyList<string>? reasons = null)
    {
        Error = error;
        Reasons = reasons ?? [];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static bool Filled(params string[] values) => values.All(v => !string.IsNullOrWhiteSpace(v));

    private static bool TryHttpUrl(string value, out Uri url) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out url!) && url.Scheme is "http" or "https";

    private static CsvUpload? Upload(IFormFile? file) => file is null ? null : new CsvUpload(file.FileName, file.Length, file.OpenReadStream);
}
