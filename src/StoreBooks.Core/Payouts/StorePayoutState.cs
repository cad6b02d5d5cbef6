using System.Text.Json.Serialization;

namespace StoreBooks.Core.Payouts;

/// <summary>Where a payout stands, in words common to every provider.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StorePayoutState>))]
public enum StorePayoutState
{
    /// <summary>Movements are assigned but the transfer is not sent yet (Shopify "scheduled", WooPayments "pending").</summary>
    Scheduled,

    /// <summary>Sent to the bank, not yet confirmed ("in_transit").</summary>
    InTransit,

    /// <summary>Deposited ("paid"); the bank may still take a few days to show it.</summary>
    Paid,

    /// <summary>Declined by the bank ("failed"); its money comes back in a later payout.</summary>
    Failed,

    /// <summary>Canceled by the provider ("canceled").</summary>
    Canceled,

    /// <summary>A status word not known here; kept as given in <see cref="StorePayout.Status"/>.</summary>
    Other,
}

/// <summary>Reads providers' status words.</summary>
public static class StorePayoutStates
{
    public static StorePayoutState From(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "scheduled" or "pending" or "estimated" => StorePayoutState.Scheduled,
        "in_transit" or "in-transit" or "intransit" => StorePayoutState.InTransit,
        "paid" => StorePayoutState.Paid,
        "failed" => StorePayoutState.Failed,
        "canceled" or "cancelled" => StorePayoutState.Canceled,
        _ => StorePayoutState.Other,
    };
}
