using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.Customers;

/// <summary>A customer (<c>/customer</c>). DisplayName is unique across customers, vendors and employees (6240 otherwise).</summary>
public sealed record Customer : QboEntity
{
    public string? DisplayName { get; init; }

    public string? Title { get; init; }

    public string? GivenName { get; init; }

    public string? MiddleName { get; init; }

    public string? FamilyName { get; init; }

    public string? Suffix { get; init; }

    public string? CompanyName { get; init; }

    public string? FullyQualifiedName { get; init; }

    public string? PrintOnCheckName { get; init; }

    public bool? Active { get; init; }

    public EmailAddress? PrimaryEmailAddr { get; init; }

    public TelephoneNumber? PrimaryPhone { get; init; }

    public TelephoneNumber? Mobile { get; init; }

    public TelephoneNumber? Fax { get; init; }

    public WebSiteAddress? WebAddr { get; init; }

    public PhysicalAddress? BillAddr { get; init; }

    public PhysicalAddress? ShipAddr { get; init; }

    public string? Notes { get; init; }

    public bool? Job { get; init; }

    public bool? BillWithParent { get; init; }

    public Ref? ParentRef { get; init; }

    public int? Level { get; init; }

    public bool? Taxable { get; init; }

    public Ref? DefaultTaxCodeRef { get; init; }

    public decimal? Balance { get; init; }

    public decimal? BalanceWithJobs { get; init; }

    public Ref? CurrencyRef { get; init; }

    public string? PreferredDeliveryMethod { get; init; }

    public Ref? PaymentMethodRef { get; init; }

    public Ref? SalesTermRef { get; init; }

    public string? PrimaryTaxIdentifier { get; init; }

    public string? ResaleNum { get; init; }
}
