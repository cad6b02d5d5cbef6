namespace StoreBooks.QuickBooks.Common;

/// <summary>An e-mail address field (PrimaryEmailAddr, BillEmail).</summary>
public sealed record EmailAddress : QboObject
{
    public string? Address { get; init; }

    public static EmailAddress Of(string address) => new() { Address = address };
}

/// <summary>A phone number field (PrimaryPhone, Mobile, Fax).</summary>
public sealed record TelephoneNumber : QboObject
{
    public string? FreeFormNumber { get; init; }
}

/// <summary>A web address field (WebAddr).</summary>
public sealed record WebSiteAddress : QboObject
{
    public string? URI { get; init; }
}

/// <summary>A free-text memo shown to the customer (<c>CustomerMemo: {"value": "..."}</c>).</summary>
public sealed record MemoRef : QboObject
{
    [System.Text.Json.Serialization.JsonPropertyName("value")]
    public string? Value { get; init; }
}

/// <summary>A name/value pair (CompanyInfo.NameValue, Preferences.OtherPrefs, Payment LineEx).</summary>
public sealed record NameValue : QboObject
{
    public string? Name { get; init; }

    public string? Value { get; init; }
}

/// <summary>A custom field on a sales form.</summary>
public sealed record CustomField : QboObject
{
    public string? DefinitionId { get; init; }

    public string? Name { get; init; }

    public string? Type { get; init; }

    public string? StringValue { get; init; }
}
