namespace StoreBooks.Shopify.Payouts;

/// <summary>A payout as <c>shopify_payments/payouts.json</c> writes it: money as decimal strings, the id a 64-bit integer.</summary>
internal sealed record ShopifyPayoutJson(long Id, string? Status, DateOnly Date, string? Currency, decimal Amount, ShopifyPayoutSummaryJson? Summary);

/// <summary>The payout's ten totals (refunds and their fees negative).</summary>
internal sealed record ShopifyPayoutSummaryJson(
    decimal? ChargesGrossAmount,
    decimal? ChargesFeeAmount,
    decimal? RefundsGrossAmount,
    decimal? RefundsFeeAmount,
    decimal? AdjustmentsGrossAmount,
    decimal? AdjustmentsFeeAmount,
    decimal? ReservedFundsGrossAmount,
    decimal? ReservedFundsFeeAmount,
    decimal? RetriedPayoutsGrossAmount,
    decimal? RetriedPayoutsFeeAmount);

/// <summary>
/// A balance transaction as <c>shopify_payments/balance/transactions.json</c> writes it. <c>source_order_transaction_id</c> is
/// an integer or a string of digits (both are read), or null for adjustments.
/// </summary>
internal sealed record ShopifyBalanceTransactionJson(
    long Id,
    string? Type,
    bool? Test,
    long? PayoutId,
    string? PayoutStatus,
    string? Currency,
    decimal Amount,
    decimal? Fee,
    decimal Net,
    long? SourceId,
    string? SourceType,
    long? SourceOrderId,
    long? SourceOrderTransactionId,
    DateTimeOffset? ProcessedAt,
    string? AdjustmentReason);
