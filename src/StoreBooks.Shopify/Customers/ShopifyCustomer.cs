using System.Globalization;
using StoreBooks.Core.Model;
using StoreBooks.Shopify.Orders;

namespace StoreBooks.Shopify.Customers;

/// <summary>A REST customer (<c>customers.json</c>).</summary>
internal sealed record ShopifyCustomer
{
    public long Id { get; init; }

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Phone { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public ShopifyAddress? DefaultAddress { get; init; }

    /// <summary>The customer in the model; the default address is the billing address and gives the company.</summary>
    public StoreCustomer ToModel()
    {
        var address = ShopifyOrderMapper.Address(DefaultAddress);
        return new StoreCustomer
        {
            SourceId = Id.ToString(CultureInfo.InvariantCulture),
            Email = ShopifyOrderMapper.FirstText(Email),
            FirstName = ShopifyOrderMapper.FirstText(FirstName, DefaultAddress?.FirstName),
            LastName = ShopifyOrderMapper.FirstText(LastName, DefaultAddress?.LastName),
            Company = ShopifyOrderMapper.FirstText(DefaultAddress?.Company),
            Phone = ShopifyOrderMapper.FirstText(Phone, DefaultAddress?.Phone),
            BillingAddress = address,
        };
    }
}
