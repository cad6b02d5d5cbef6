namespace StoreBooks.Core.Payouts;

/// <summary>
/// A payout's totals per kind of movement, as the provider states them (Shopify's <c>summary</c>). Outflows are negative
/// gross amounts; a fee given back is a negative fee. Each part's net is gross − fee.
/// </summary>
public sealed record StorePayoutSummary
{
    public StoreGrossFee Charges { get; init; } = StoreGrossFee.Zero;

    public StoreGrossFee Refunds { get; init; } = StoreGrossFee.Zero;

    /// <summary>Adjustments, disputes included.</summary>
    public StoreGrossFee Adjustments { get; init; } = StoreGrossFee.Zero;

    /// <summary>Funds held back in a reserve, or released from it.</summary>
    public StoreGrossFee ReservedFunds { get; init; } = StoreGrossFee.Zero;

    /// <summary>The money of earlier payouts that failed, sent again.</summary>
    public StoreGrossFee RetriedPayouts { get; init; } = StoreGrossFee.Zero;

    /// <summary>Σ net of the parts: what the payout's amount should be.</summary>
    public decimal Net => Charges.Net + Refunds.Net + Adjustments.Net + ReservedFunds.Net + RetriedPayouts.Net;
}

/// <summary>A gross amount and the fee taken from it.</summary>
public sealed record StoreGrossFee(decimal Gross, decimal Fee)
{
    public static StoreGrossFee Zero { get; } = new(0, 0);

    public decimal Net => Gross - Fee;
}
