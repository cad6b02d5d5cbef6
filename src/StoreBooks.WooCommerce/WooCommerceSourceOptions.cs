namespace StoreBooks.WooCommerce;

/// <summary>Which WooCommerce site a <see cref="WooCommerceSource"/> reads, with which REST API key, and how it pages and retries.</summary>
public sealed record WooCommerceSourceOptions
{
    /// <summary>The site's address (<c>https://shop.example.com</c>); the API is under <c>/wp-json/wc/v3/</c>.</summary>
    public required Uri SiteUrl { get; init; }

    /// <summary>The REST API key (<c>ck_…</c>), with Read permission.</summary>
    public required string ConsumerKey { get; init; }

    /// <summary>The key's secret (<c>cs_…</c>).</summary>
    public required string ConsumerSecret { get; init; }

    /// <summary>Records per page (WordPress allows 100 at most).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Tries of a read answered 5xx, 429 or not answered at all, before giving up (the first try included).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Pause before the second try of a failed read; doubled for each further try (a 429's Retry-After wins).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>{site}/wp-json/wc/v3/</c>.</summary>
    public Uri ApiRoot
    {
        get
        {
            var site = SiteUrl.AbsoluteUri.TrimEnd('/');
            return new Uri(site + "/wp-json/wc/v3/");
        }
    }

    /// <summary>HTTPS sites take the key as HTTP Basic; plain HTTP sites only through OAuth 1.0a signatures.</summary>
    public bool UsesOAuth => SiteUrl.Scheme == Uri.UriSchemeHttp;
}
