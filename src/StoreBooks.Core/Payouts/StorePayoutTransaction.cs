namespace StoreBooks.Core.Payouts;

/// <summary>
/// One movement of a provider's balance: a sale's charge, a refund, a dispute, a reserve, an adjustment, a failed payout
/// coming back. Amounts are signed as the provider gives them (outflows negative) and <see cref="Net"/> is used as given,
/// never recomputed: it is not always <see cref="Gross"/> − <see cref="Fee"/>.
/// </summary>
public sealed record StorePayoutTransaction
{
    public required string SourceId { get; init; }

    /// <summary>The provider's type word, as given (unknown words are kept, never refused).</summary>
    public required string Type { get; init; }

    /// <summary>The type in words common to every provider; <see cref="StorePayoutTransactionCategory.Other"/> for a word not known here.</summary>
    public StorePayoutTransactionCategory Category => StorePayoutTransactionCategories.From(Type);

    /// <summary>The payout that settles it; null while it waits for one.</summary>
    public string? PayoutId { get; init; }

    public required string Currency { get; init; }

    /// <summary>The amount before fees (Shopify <c>amount</c>).</summary>
    public decimal Gross { get; init; }

    /// <summary>Fees deducted (negative when a fee is given back).</summary>
    public decimal Fee { get; init; }

    /// <summary>What the movement adds to the payout.</summary>
    public decimal Net { get; init; }

    /// <summary>The order it belongs to (its <c>StoreOrder.SourceId</c>), when it belongs to one.</summary>
    public string? SourceOrderId { get; init; }

    /// <summary>The order's payment or refund transaction it settles, when the provider says.</summary>
    public string? SourceOrderTransactionId { get; init; }

    /// <summary>Why an adjustment was made ("tax_adjustment", "billing", …), as given.</summary>
    public string? AdjustmentReason { get; init; }

    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>A test-mode movement: no real money.</summary>
    public bool Test { get; init; }
}
