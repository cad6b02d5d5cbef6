using System.Text.Json.Serialization;

namespace StoreBooks.Sync.Reconciliation;

/// <summary>Why a document StoreBooks posted is still in Undeposited Funds (or a clearing account).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UndepositedReason>))]
public enum UndepositedReason
{
    /// <summary>Its charge is in a payout sent to the bank, not yet paid.</summary>
    PayoutInTransit,

    /// <summary>Its charge is in a payout not sent yet.</summary>
    PayoutScheduled,

    /// <summary>Its charge is in the provider's balance, in no payout yet.</summary>
    NotInPayoutYet,

    /// <summary>Its charge is in a payout that failed at the bank; a later payout sends the money again.</summary>
    PayoutFailed,

    /// <summary>Its charge is in a paid payout that has no deposit yet (the payout's own line says why).</summary>
    PayoutNotDeposited,

    /// <summary>Payouts are not posted (payouts.enabled is off): it stays until deposited by hand.</summary>
    PayoutsNotEnabled,

    /// <summary>Paid through a gateway StoreBooks reads no payouts of: it stays until deposited by hand.</summary>
    GatewayWithoutPayouts,

    /// <summary>Its charge is in a paid payout whose deposit is in QuickBooks, but it is not on that deposit: a difference.</summary>
    MissingFromDeposit,
}

/// <summary>A sales receipt, payment or refund receipt StoreBooks posted, on no deposit yet: its amount, the account holding it, and why.</summary>
public sealed record UndepositedDocument(
    string Entity,
    string DocumentId,
    string Reference,
    DateOnly? Date,
    decimal Amount,
    string Account,
    UndepositedReason Reason,
    string Why)
{
    /// <summary>The payout its charge is in, when it is in one.</summary>
    public string? PayoutId { get; init; }

    /// <summary>Every reason but <see cref="UndepositedReason.MissingFromDeposit"/> is money on its way, or a payout's own difference.</summary>
    public bool Explained => Reason != UndepositedReason.MissingFromDeposit;
}
