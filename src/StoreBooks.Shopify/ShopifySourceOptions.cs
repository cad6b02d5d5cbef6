namespace StoreBooks.Shopify;

/// <summary>Which shop a <see cref="ShopifySource"/> reads, with which token and API version, and how it pages and retries.</summary>
public sealed record ShopifySourceOptions
{
    /// <summary>The API version StoreBooks is written and tested against; a connection pins its own.</summary>
    public const string DefaultApiVersion = "2025-07";

    /// <summary>The shop's myshopify domain (<c>maple-lane.myshopify.com</c>; <c>maple-lane</c> alone is completed).</summary>
    public required string Shop { get; init; }

    /// <summary>The Admin API access token of the shop's custom app (<c>shpat_…</c>).</summary>
    public required string AccessToken { get; init; }

    /// <summary>Where the Admin API is: <c>https://{shop}/</c> when null, or another root (an emulator at <c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The Admin API version in every path (<c>2025-07</c>).</summary>
    public string ApiVersion { get; init; } = DefaultApiVersion;

    /// <summary>Orders and customers per REST page (Shopify allows 250 at most).</summary>
    public int PageSize { get; init; } = 250;

    /// <summary>Variants per GraphQL page; halved while a page would cost more points than the shop's budget holds.</summary>
    public int VariantsPageSize { get; init; } = 100;

    /// <summary>Which Admin API orders are read through: GraphQL (one query a page, no call per order) or the legacy REST endpoints.</summary>
    public ShopifyOrdersApi OrdersApi { get; init; } = ShopifyOrdersApi.GraphQL;

    /// <summary>
    /// A GraphQL order read that would cover more orders than this (Shopify's <c>ordersCount</c> for its search) goes through one
    /// bulk export instead of pages. 0 sends every read with orders through the export. Measured on the emulator with Shopify's
    /// standard cost budget (100 points a second) and 100 ms a call, paged reads give about 100 orders a minute (a page of a few
    /// orders costs hundreds of points), while an export's fixed cost is a few seconds of polling: past a few hundred orders the
    /// export wins, and a serve's steady trickle of new orders stays paged.
    /// </summary>
    public int BulkThreshold { get; init; } = 250;

    /// <summary>The REST bucket's leak per second: 2 on standard plans, 4 on Advanced, 20 on Plus.</summary>
    public double RestLeakPerSecond { get; init; } = 2;

    /// <summary>Tries of a read answered 5xx or not answered at all, before giving up (the first try included).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Pause before the second try of a failed read; doubled for each further try.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many 429 or THROTTLED answers in a row are waited out before giving up.</summary>
    public int MaxThrottledAnswers { get; init; } = 20;

    /// <summary>The shop's domain as Shopify names it: lower case, <c>.myshopify.com</c> added to a bare name.</summary>
    public string ShopDomain => NormalizeShop(Shop);

    /// <summary>The Admin API root (<see cref="BaseUrl"/>, else <c>https://{shop}/</c>), ending with a slash.</summary>
    public Uri Root
    {
        get
        {
            var root = BaseUrl ?? new Uri($"https://{ShopDomain}/");
            return root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        }
    }

    /// <summary><c>maple-lane</c> → <c>maple-lane.myshopify.com</c>; a full domain or URL is reduced to its host, lower case.</summary>
    public static string NormalizeShop(string shop)
    {
        var text = shop.Trim().ToLowerInvariant();
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            text = url.Host;
        }

        text = text.TrimEnd('/');
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".myshopify.com";
    }
}

/// <summary>The Admin API a <see cref="ShopifySource"/> reads orders through.</summary>
public enum ShopifyOrdersApi
{
    /// <summary><c>orders</c> through GraphQL, with line items, transactions and refunds in the same query.</summary>
    GraphQL,

    /// <summary><c>orders.json</c> and one <c>transactions.json</c> call per order (REST is legacy at Shopify).</summary>
    Rest,
}
