using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.PaymentMethods;

/// <summary>How a customer paid (<c>/paymentmethod</c>): Cash, Visa, PayPal... Name up to 31 characters.</summary>
public sealed record PaymentMethod : QboEntity
{
    public string? Name { get; init; }

    public bool? Active { get; init; }

    /// <summary><c>CREDIT_CARD</c> or <c>NON_CREDIT_CARD</c>.</summary>
    public string? Type { get; init; }
}
