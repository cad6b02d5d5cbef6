namespace StoreBooks.Core.Model;

/// <summary>A postal address as a store gives it.</summary>
public sealed record StoreAddress
{
    public string? Name { get; init; }

    public string? Company { get; init; }

    public string? Line1 { get; init; }

    public string? Line2 { get; init; }

    public string? City { get; init; }

    /// <summary>Province or state code ("QC", "CA").</summary>
    public string? Region { get; init; }

    public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public string? Country { get; init; }

    public string? Phone { get; init; }
}
