namespace StoreBooks.Emulators.WooCommerce.Payments;

/// <summary>
/// A chargeback on a WooPayments order: the order's total and <see cref="FeeCents"/> leave the balance when it is opened; when the
/// merchant wins it (<see cref="WonAt"/>), both come back.
/// </summary>
internal sealed record WooDispute(long OrderId, DateTimeOffset OpenedAt, DateTimeOffset? WonAt, long FeeCents);

/// <summary>A movement of the balance that belongs to no sale (a correction, a Capital repayment), in the store's currency's cents.</summary>
internal sealed record WooAdjustment(string Id, long Cents, DateTimeOffset At, string Type, long? OrderId);

/// <summary>
/// How the emulated WooPayments account settles: a day's balance more negative than <see cref="WithdrawBeyond"/> taken from the
/// bank as a <c>withdrawal</c> (else, and by default, a negative balance is carried until sales cover it), deposits from <see cref="ForeignFrom"/> on paid out in <see cref="DepositCurrency"/> at
/// <see cref="ExchangeRate"/> (a bank account in another currency), and the account's clock <see cref="ClockDays"/> ahead of the
/// site's (so deposits in transit or pending become paid).
/// </summary>
internal sealed record WooPaymentsSettings
{
    /// <summary>A negative balance beyond this amount (cents, positive) is withdrawn; null: never.</summary>
    public long? WithdrawBeyond { get; init; }

    public string? DepositCurrency { get; init; }

    public decimal ExchangeRate { get; init; } = 1m;

    public DateOnly? ForeignFrom { get; init; }

    public int ClockDays { get; init; }
}
