namespace StoreBooks.Csv;

/// <summary>The files a CSV connection reads, and how many records a page holds.</summary>
public sealed record CsvSourceOptions
{
    /// <summary>Shopify's product CSV export; null when the connection has none.</summary>
    public string? ProductsPath { get; init; }

    /// <summary>Shopify's orders export ("Orders → Export"); null when the connection has none.</summary>
    public string? OrdersPath { get; init; }

    /// <summary>Shopify's payment transactions export (Finance → Payouts → Export transactions); null when the connection has none.</summary>
    public string? PayoutsPath { get; init; }

    /// <summary>Records per page.</summary>
    public int PageSize { get; init; } = 200;
}
