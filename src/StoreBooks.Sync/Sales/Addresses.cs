using StoreBooks.Core.Model;
using StoreBooks.QuickBooks.Common;

namespace StoreBooks.Sync.Sales;

/// <summary>Store addresses as QuickBooks addresses.</summary>
internal static class Addresses
{
    public static PhysicalAddress? From(StoreAddress? address)
    {
        if (address is null || (address.Line1 is null && address.City is null && address.PostalCode is null))
        {
            return null;
        }

        return new PhysicalAddress
        {
            Line1 = Cut(address.Name ?? address.Company, 500),
            Line2 = Cut(address.Line1, 500),
            Line3 = Cut(address.Line2, 500),
            City = Cut(address.City, 255),
            CountrySubDivisionCode = Cut(address.Region, 255),
            PostalCode = Cut(address.PostalCode, 30),
            Country = Cut(address.Country, 255),
        };
    }

    private static string? Cut(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Length <= max ? text.Trim() : text.Trim()[..max];
}
