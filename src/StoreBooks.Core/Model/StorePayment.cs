namespace StoreBooks.Core.Model;

/// <summary>What a payment did to the order's balance.</summary>
public enum StorePaymentKind
{
    /// <summary>Money received (a sale, or the capture of an authorization).</summary>
    Received,

    /// <summary>Money given back to the buyer.</summary>
    Refunded,
}

/// <summary>A successful money movement on an order: gateway ("shopify_payments", "stripe", "gift_card", "manual") and amount.</summary>
public sealed record StorePayment
{
    public required string SourceId { get; init; }

    public required string Gateway { get; init; }

    public StorePaymentKind Kind { get; init; }

    /// <summary>Positive amount in the order's currency.</summary>
    public decimal Amount { get; init; }

    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>A gift-card redemption: a tender that reduces gift-card liability, not cash.</summary>
    public bool IsGiftCard { get; init; }
}
