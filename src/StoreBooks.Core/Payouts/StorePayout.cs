namespace StoreBooks.Core.Payouts;

/// <summary>
/// Money a payment provider sent to (or took from) the merchant's bank account in one transfer: a Shopify Payments payout, a
/// WooPayments deposit, a row of a payouts export. <see cref="Amount"/> is what reached the bank, in <see cref="Currency"/>;
/// <see cref="Transactions"/> are the movements it settles (sales, refunds, fees, disputes, reserves, adjustments).
/// </summary>
public sealed record StorePayout
{
    /// <summary>The provider's id for the payout (Shopify's 64-bit id as digits; WooPayments' deposit id).</summary>
    public required string SourceId { get; init; }

    /// <summary>The provider's own status word, as given ("paid", "in_transit", "scheduled", "failed", "canceled", …).</summary>
    public required string Status { get; init; }

    /// <summary>The status in words common to every provider; <see cref="StorePayoutState.Other"/> for a word not known here.</summary>
    public StorePayoutState State => StorePayoutStates.From(Status);

    /// <summary>The day the provider issued (or will issue) the payout, in the provider's calendar.</summary>
    public DateOnly IssuedOn { get; init; }

    /// <summary>ISO 4217 code of the payout and of every amount of its transactions.</summary>
    public required string Currency { get; init; }

    /// <summary>Net amount transferred to the bank; negative when the provider took money from it.</summary>
    public decimal Amount { get; init; }

    /// <summary>The provider's totals per kind of movement, when it gives them (Shopify does; a CSV export may not).</summary>
    public StorePayoutSummary? Summary { get; init; }

    /// <summary>The movements the payout settles; empty when they were not read.</summary>
    public IReadOnlyList<StorePayoutTransaction> Transactions { get; init; } = [];

    /// <summary>
    /// Whether the payout adds up: Σ <see cref="StorePayoutTransaction.Net"/> of its transactions, leaving out any row for the
    /// transfer itself, against <see cref="Amount"/>. Providers' data does not always add up (an order edited after the payout):
    /// such a payout is flagged, not posted.
    /// </summary>
    public PayoutSum Sum() =>
        new(Amount, Transactions.Where(t => t.Category != StorePayoutTransactionCategory.Transfer).Sum(t => t.Net));
}

/// <summary>A payout's amount against the net of its transactions.</summary>
public sealed record PayoutSum(decimal Amount, decimal TransactionsNet)
{
    /// <summary>Amount − Σ net: what the transactions leave unexplained (0 when the payout adds up).</summary>
    public decimal Difference => Amount - TransactionsNet;

    public bool AddsUp => Difference == 0;
}
