namespace StoreBooks.QuickBooks.Common;

/// <summary>A postal address (BillAddr, ShipAddr, CompanyAddr).</summary>
public sealed record PhysicalAddress : QboObject
{
    public string? Id { get; init; }

    public string? Line1 { get; init; }

    public string? Line2 { get; init; }

    public string? Line3 { get; init; }

    public string? Line4 { get; init; }

    public string? Line5 { get; init; }

    public string? City { get; init; }

    public string? CountrySubDivisionCode { get; init; }

    public string? PostalCode { get; init; }

    public string? Country { get; init; }

    public string? Lat { get; init; }

    public string? Long { get; init; }
}
