namespace StoreBooks.Core.Model;

/// <summary>
/// An order-level amount that is not a product: a shipping line, a fee (WooCommerce fee lines, a surcharge),
/// or a tip. Amount is what the store charged before tax (tax included when the order's prices include tax).
/// </summary>
public sealed record StoreCharge
{
    public required string Title { get; init; }

    public decimal Amount { get; init; }

    /// <summary>Discount applied to this charge (free-shipping codes), as a positive amount.</summary>
    public decimal Discount { get; init; }

    public IReadOnlyList<StoreTax> Taxes { get; init; } = [];

    public decimal NetAmount => Amount - Discount;
}
