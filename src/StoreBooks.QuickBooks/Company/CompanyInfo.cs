using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.Company;

/// <summary>The company itself (<c>/companyinfo/{realmId}</c>): name, country, addresses and feature flags as name/value pairs.</summary>
public sealed record CompanyInfo : QboEntity
{
    public string? CompanyName { get; init; }

    public string? LegalName { get; init; }

    public PhysicalAddress? CompanyAddr { get; init; }

    public PhysicalAddress? CustomerCommunicationAddr { get; init; }

    public PhysicalAddress? LegalAddr { get; init; }

    public EmailAddress? Email { get; init; }

    public EmailAddress? CustomerCommunicationEmailAddr { get; init; }

    public TelephoneNumber? PrimaryPhone { get; init; }

    public WebSiteAddress? WebAddr { get; init; }

    /// <summary>ISO country, e.g. US, CA, GB, AU.</summary>
    public string? Country { get; init; }

    public DateOnly? CompanyStartDate { get; init; }

    public string? FiscalYearStartMonth { get; init; }

    /// <summary>Comma-separated language codes, e.g. "en".</summary>
    public string? SupportedLanguages { get; init; }

    public IReadOnlyList<NameValue>? NameValue { get; init; }
}
