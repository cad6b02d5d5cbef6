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

    /// <summary>
    /// Orders held at once when the export is read in placing order for a sliced sync: the file is read twice per this many
    /// orders (once for their placing times, once for the orders), so memory stays bounded however long the export.
    /// </summary>
    public int PlacingWindow { get; init; } = 2_000;
}
