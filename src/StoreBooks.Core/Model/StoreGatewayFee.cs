namespace StoreBooks.Core.Model;

/// <summary>
/// What the payment gateway took from an order's payment and what it left, as the store records it per order (the WooCommerce
/// Stripe plugin's <c>_stripe_fee</c>, <c>_stripe_net</c>, <c>_stripe_currency</c>) when the gateway's payouts cannot be read:
/// such fees are booked per order. <see cref="Currency"/> is the gateway account's settlement currency, not always the order's.
/// </summary>
public sealed record StoreGatewayFee
{
    /// <summary>The gateway, as the order's payments name it ("stripe").</summary>
    public required string Gateway { get; init; }

    /// <summary>The fee, positive (refunds' fees given back included, as the gateway adds them up).</summary>
    public decimal Fee { get; init; }

    /// <summary>What reached the gateway balance: the payment less the fee, less what was refunded since.</summary>
    public decimal Net { get; init; }

    public required string Currency { get; init; }
}
