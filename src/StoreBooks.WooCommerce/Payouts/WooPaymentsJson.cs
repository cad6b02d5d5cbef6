using System.Text.Json;

namespace StoreBooks.WooCommerce.Payouts;

/// <summary>
/// A WooPayments deposit (<c>/payments/deposits</c>): a Stripe payout. <c>amount</c> and <c>fee</c> are integer minor units,
/// <c>currency</c> lower case, <c>date</c> the arrival day in Unix milliseconds, <c>created</c> Unix seconds.
/// </summary>
internal sealed record WooDepositJson
{
    public string? Id { get; init; }

    public long Date { get; init; }

    /// <summary><c>deposit</c> or <c>withdrawal</c>.</summary>
    public string? Type { get; init; }

    public long Amount { get; init; }

    public string? Status { get; init; }

    public string? Currency { get; init; }

    public bool? Automatic { get; init; }

    public long? Fee { get; init; }
}

/// <summary>
/// A WooPayments transaction as its transactions report gives it (<c>/payments/reports/transactions</c>, since plugin 6.5.0):
/// <c>amount</c> in the transaction's currency, <c>fees</c> and <c>net_amount</c> in the deposit's, all integer minor units.
/// </summary>
internal sealed record WooPaymentsTransactionJson
{
    public string? TransactionId { get; init; }

    public string? Type { get; init; }

    public string? Date { get; init; }

    public string? TransactionCurrency { get; init; }

    public long Amount { get; init; }

    public decimal? ExchangeRate { get; init; }

    public string? DepositCurrency { get; init; }

    public long Fees { get; init; }

    public long NetAmount { get; init; }

    public JsonElement OrderId { get; init; }

    public string? DepositId { get; init; }

    public string? DepositStatus { get; init; }
}
