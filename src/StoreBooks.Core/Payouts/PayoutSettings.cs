namespace StoreBooks.Core.Payouts;

/// <summary>
/// A connection's payout settings: whether each paid payout of the store's payment provider becomes one QuickBooks deposit, and
/// the accounts its lines go to. Accounts are QuickBooks ids or names.
/// </summary>
public sealed record PayoutSettings
{
    /// <summary>Post each paid payout as a QuickBooks deposit (off by default).</summary>
    public bool Enabled { get; init; }

    /// <summary>The Bank (or Other Current Asset) account payouts reach: the deposits go there.</summary>
    public string? BankAccount { get; init; }

    /// <summary>Payment gateway ("shopify_payments") → its own bank account, when one gateway pays into another account than <see cref="BankAccount"/>.</summary>
    public IReadOnlyDictionary<string, string> BankAccounts { get; init; } = new Dictionary<string, string>();

    /// <summary>The expense account of the provider's fees (one negative line per deposit).</summary>
    public string? FeesAccount { get; init; }

    /// <summary>
    /// The account of everything in a payout that is not a sale, a refund or a fee: adjustments, chargebacks and their reversals,
    /// reserves held and released, unknown movements, and differences between the provider's amounts and QuickBooks' documents.
    /// Needed only by payouts that have such a line.
    /// </summary>
    public string? AdjustmentsAccount { get; init; }

    /// <summary>Payouts issued before this day are not posted; the connection's sync start date when null.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>The bank account of <paramref name="gateway"/>'s payouts: its own, else <see cref="BankAccount"/>; null when neither is set.</summary>
    public string? BankAccountFor(string gateway) =>
        BankAccounts.FirstOrDefault(p => string.Equals(p.Key, gateway, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } own ? own : BankAccount;
}
