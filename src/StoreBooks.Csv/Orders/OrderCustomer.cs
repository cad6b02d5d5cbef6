using StoreBooks.Core.Model;

namespace StoreBooks.Csv.Orders;

/// <summary>The buyer of an order and its addresses, from the Email, Billing and Shipping columns of the order's first row.</summary>
internal static class OrderCustomer
{
    public static StoreCustomer? From(OrderRow first, StoreAddress? billing, StoreAddress? shipping)
    {
        var email = first[OrderColumn.Email];
        var person = billing?.Name ?? shipping?.Name;
        if (email.Length == 0 && person is null && billing?.Company is null)
        {
            return null;
        }

        var space = person?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        var phone = first[OrderColumn.Phone].Length > 0 ? first[OrderColumn.Phone] : billing?.Phone ?? shipping?.Phone;
        return new StoreCustomer
        {
            SourceId = email.Length > 0 ? email.ToLowerInvariant() : null,
            Email = email.Length > 0 ? email : null,
            FirstName = space > 0 ? person![..space] : person,
            LastName = space > 0 ? person![(space + 1)..].Trim() : null,
            Company = billing?.Company,
            Phone = phone,
            BillingAddress = billing,
            ShippingAddress = shipping,
        };
    }

    public static StoreAddress? Address(OrderRow row, bool isBilling)
    {
        string Get(OrderColumn billing, OrderColumn shipping) => row[isBilling ? billing : shipping];

        static string? Value(string text) => text.Length == 0 ? null : text;

        var address1 = Get(OrderColumn.BillingAddress1, OrderColumn.ShippingAddress1);
        var address = new StoreAddress
        {
            Name = Value(Get(OrderColumn.BillingName, OrderColumn.ShippingName)),
            Company = Value(Get(OrderColumn.BillingCompany, OrderColumn.ShippingCompany)),
            Line1 = Value(address1.Length > 0 ? address1 : Get(OrderColumn.BillingStreet, OrderColumn.ShippingStreet)),
            Line2 = Value(Get(OrderColumn.BillingAddress2, OrderColumn.ShippingAddress2)),
            City = Value(Get(OrderColumn.BillingCity, OrderColumn.ShippingCity)),
            Region = Value(Get(OrderColumn.BillingProvince, OrderColumn.ShippingProvince)),

            // Spreadsheet exports keep leading zeros with an apostrophe ('02134).
            PostalCode = Value(Get(OrderColumn.BillingZip, OrderColumn.ShippingZip).TrimStart('\'')),
            Country = Value(Get(OrderColumn.BillingCountry, OrderColumn.ShippingCountry)),
            Phone = Value(Get(OrderColumn.BillingPhone, OrderColumn.ShippingPhone)),
        };
        return address == new StoreAddress() ? null : address;
    }
}
