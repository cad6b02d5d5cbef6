using System.Globalization;
using StoreBooks.Core.Payouts;

namespace StoreBooks.Shopify.Payouts;

/// <summary>Shopify Payments' REST objects in the store-neutral payout model: amounts and signs as given, ids as digits.</summary>
internal static class ShopifyPayoutMapper
{
    public static StorePayout Map(ShopifyPayoutJson payout, IReadOnlyList<StorePayoutTransaction> transactions) => new()
    {
        SourceId = Id(payout.Id),
        Status = payout.Status ?? "",
        IssuedOn = payout.Date,
        Currency = payout.Currency ?? "",
        Amount = payout.Amount,
        Summary = payout.Summary is { } s
            ? new StorePayoutSummary
            {
                Charges = new(s.ChargesGrossAmount ?? 0, s.ChargesFeeAmount ?? 0),
                Refunds = new(s.RefundsGrossAmount ?? 0, s.RefundsFeeAmount ?? 0),
                Adjustments = new(s.AdjustmentsGrossAmount ?? 0, s.AdjustmentsFeeAmount ?? 0),
                ReservedFunds = new(s.ReservedFundsGrossAmount ?? 0, s.ReservedFundsFeeAmount ?? 0),
                RetriedPayouts = new(s.RetriedPayoutsGrossAmount ?? 0, s.RetriedPayoutsFeeAmount ?? 0),
            }
            : null,
        Transactions = transactions,
    };

    public static StorePayoutTransaction Map(ShopifyBalanceTransactionJson t, string payoutCurrency) => new()
    {
        SourceId = Id(t.Id),
        Type = t.Type ?? "",
        PayoutId = t.PayoutId is { } payout ? Id(payout) : null,
        Currency = t.Currency ?? payoutCurrency,
        Gross = t.Amount,
        Fee = t.Fee ?? 0,
        Net = t.Net,
        SourceOrderId = t.SourceOrderId is { } order ? Id(order) : null,
        SourceOrderTransactionId = t.SourceOrderTransactionId is { } transaction ? Id(transaction) : null,
        AdjustmentReason = t.AdjustmentReason,
        ProcessedAt = t.ProcessedAt,
        Test = t.Test ?? false,
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
