using System.Text.Json.Serialization;
using StoreBooks.Core.Messages;

namespace StoreBooks.Sync.Reconciliation;

/// <summary>Where a payout stands against QuickBooks.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PayoutStanding>))]
public enum PayoutStanding
{
    /// <summary>Its deposit is in QuickBooks for the payout's amount.</summary>
    Agrees,

    /// <summary>Scheduled or in transit: no deposit is due yet.</summary>
    NotPaidYet,

    /// <summary>Failed at the bank or canceled: no deposit of its own; its money comes in a later payout.</summary>
    Failed,

    /// <summary>Dismissed by the merchant (deposited by hand), or issued before the payouts' start date: StoreBooks posts no deposit for it.</summary>
    NotPostedByStoreBooks,

    /// <summary>No deposit yet: it waits for one of its orders or refunds, which is not in QuickBooks yet.</summary>
    WaitingForOrder,

    /// <summary>No deposit: payouts are not posted (payouts.enabled is off).</summary>
    PayoutsNotEnabled,

    /// <summary>No deposit: StoreBooks or QuickBooks refused it (an issue says why).</summary>
    Refused,

    /// <summary>No deposit yet: no sync has looked at it since it was paid, or its deposit is being written.</summary>
    NotDepositedYet,

    /// <summary>Its deposit's total in QuickBooks is not the payout's amount (changed in QuickBooks).</summary>
    AmountDiffers,

    /// <summary>StoreBooks made its deposit, and QuickBooks no longer has it (deleted in QuickBooks).</summary>
    DepositDeleted,
}

/// <summary>One payout beside its QuickBooks deposit: the amounts, whether they agree, and why not.</summary>
public sealed record PayoutCheck(
    string PayoutId,
    string Reference,
    DateOnly IssuedOn,
    string Status,
    decimal StoreAmount,
    string? DepositId,
    decimal? QuickBooksAmount,
    PayoutStanding Standing,
    string Why)
{
    /// <summary>
    /// <see cref="Why"/> with its code and arguments, to show in the reader's language: for a payout that waits or was refused, the
    /// message of its open issue (or, without one, the general reason: it waits, it was refused). The CLI's JSON leaves it out.
    /// </summary>
    [JsonIgnore]
    public SyncMessage? Detail { get; init; }

    public bool Agrees => Standing is PayoutStanding.Agrees or PayoutStanding.NotPaidYet or PayoutStanding.Failed or PayoutStanding.NotPostedByStoreBooks;

    /// <summary>The store's amount less QuickBooks' (0 when they agree, or when no deposit is due).</summary>
    public decimal Difference => Agrees ? 0 : StoreAmount - (QuickBooksAmount ?? 0);
}
