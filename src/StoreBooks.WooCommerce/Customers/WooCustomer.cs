using System.Globalization;
using StoreBooks.Core.Model;
using StoreBooks.WooCommerce.Orders;

namespace StoreBooks.WooCommerce.Customers;

/// <summary>A customer (<c>/customers</c>).</summary>
internal sealed record WooCustomer
{
    public long Id { get; init; }

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public DateTimeOffset? DateModifiedGmt { get; init; }

    public WooAddress? Billing { get; init; }

    public WooAddress? Shipping { get; init; }

    public StoreCustomer ToModel() => new()
    {
        SourceId = Id.ToString(CultureInfo.InvariantCulture),
        Email = WooTaxes.FirstText(Email, Billing?.Email),
        FirstName = WooTaxes.FirstText(FirstName, Billing?.FirstName),
        LastName = WooTaxes.FirstText(LastName, Billing?.LastName),
        Company = WooTaxes.FirstText(Billing?.Company),
        Phone = WooTaxes.FirstText(Billing?.Phone),
        BillingAddress = WooOrderMapper.Address(Billing, withPhone: true),
        ShippingAddress = WooOrderMapper.Address(Shipping, withPhone: true),
    };
}
