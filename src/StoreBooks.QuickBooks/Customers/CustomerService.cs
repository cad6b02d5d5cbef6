using StoreBooks.QuickBooks.Entities;

namespace StoreBooks.QuickBooks.Customers;

/// <summary>Customers (<c>/customer</c>): the usual writes plus look-ups by DisplayName and e-mail.</summary>
public sealed class CustomerService : QboNameListService<Customer>
{
    internal CustomerService(QboClient client)
        : base(client)
    {
    }

    /// <summary>The customer with this DisplayName, active or not.</summary>
    public Task<Customer?> FindByDisplayNameAsync(string displayName, CancellationToken cancellationToken = default) =>
        FindAsync(Where().WhereEquals("DisplayName", displayName).IncludeInactive(), cancellationToken);

    /// <summary>The active customer with this primary e-mail address.</summary>
    public Task<Customer?> FindByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        FindAsync(Where().WhereEquals("PrimaryEmailAddr", email), cancellationToken);
}
