namespace StoreBooks.Core.Model;

/// <summary>The buyer of an order, as the store knows them.</summary>
public sealed record StoreCustomer
{
    /// <summary>The store's customer id; null for a guest checkout.</summary>
    public string? SourceId { get; init; }

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Company { get; init; }

    public string? Phone { get; init; }

    public StoreAddress? BillingAddress { get; init; }

    public StoreAddress? ShippingAddress { get; init; }

    /// <summary>"First Last", else the company, else the email: what a person would call this customer.</summary>
    public string? DisplayName
    {
        get
        {
            var full = string.Join(' ', new[] { FirstName, LastName }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
            if (full.Length > 0)
            {
                return full;
            }

            return !string.IsNullOrWhiteSpace(Company) ? Company.Trim() : Email?.Trim();
        }
    }
}
