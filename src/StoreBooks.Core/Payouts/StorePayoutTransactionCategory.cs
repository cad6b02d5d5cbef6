using System.Text.Json.Serialization;

namespace StoreBooks.Core.Payouts;

/// <summary>What a balance movement is, in words common to every provider.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StorePayoutTransactionCategory>))]
public enum StorePayoutTransactionCategory
{
    /// <summary>A sale's payment (or its capture).</summary>
    Charge,

    Refund,

    /// <summary>A chargeback or its reversal.</summary>
    Dispute,

    /// <summary>Funds held in a reserve, or released.</summary>
    Reserve,

    /// <summary>An adjustment, credit or debit the provider made.</summary>
    Adjustment,

    /// <summary>A failed or canceled payout's money back in the balance, to be paid again.</summary>
    PayoutReturn,

    /// <summary>The transfer to the bank itself (left out of a payout's sum).</summary>
    Transfer,

    /// <summary>A type word not known here; kept as given in <see cref="StorePayoutTransaction.Type"/>.</summary>
    Other,
}

/// <summary>Reads providers' type words (Shopify's REST <c>type</c>, lower or upper case; WooPayments' <c>type</c>).</summary>
public static class StorePayoutTransactionCategories
{
    public static StorePayoutTransactionCategory From(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        "charge" or "capture" or "payment" or "sale" => StorePayoutTransactionCategory.Charge,
        "refund" or "refund_failure" or "payment_refund" => StorePayoutTransactionCategory.Refund,
        "dispute" or "dispute_reversal" or "chargeback" or "chargeback_reversal" or "chargeback_fee" or "chargeback_fee_refund"
            => StorePayoutTransactionCategory.Dispute,
        "reserve" or "reserved_funds" or "reserved_funds_withdrawal" or "reserved_funds_reversal" => StorePayoutTransactionCategory.Reserve,
        "adjustment" or "credit" or "debit" or "adjustment_reversal" or "financing_payout" or "financing_paydown" or "card_reader_fee" => StorePayoutTransactionCategory.Adjustment,
        "payout_failure" or "payout_cancellation" or "transfer_failure" or "transfer_cancel" => StorePayoutTransactionCategory.PayoutReturn,
        "payout" or "transfer" => StorePayoutTransactionCategory.Transfer,
        _ => StorePayoutTransactionCategory.Other,
    };
}
