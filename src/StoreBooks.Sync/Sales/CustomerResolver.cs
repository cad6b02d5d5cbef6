using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.QuickBooks.Errors;

namespace StoreBooks.Sync.Sales;

/// <summary>
/// The QuickBooks customer of an order: the generic customer ("Online Sales") when the settings say so or the order has no buyer;
/// else the store's customer, by its link, else matched by email, then by display name, else created. Display names are unique
/// across customers, vendors and employees in QuickBooks: a clash takes the email in brackets, then a number. With multi-currency,
/// a customer is per currency ("Ann Lee (EUR)"), as QuickBooks fixes a customer's currency.
/// </summary>
public sealed class CustomerResolver
{
    private const int MaxDisplayName = 500;
    private readonly SyncContext _context;
    private readonly LinkedWrite _writes;

    public CustomerResolver(SyncContext context, LinkedWrite writes)
    {
        _context = context;
        _writes = writes;
    }

    /// <summary>The link key of an order's customer (several orders share it).</summary>
    public async Task<string> KeyAsync(StoreOrder order, CancellationToken cancellationToken)
    {
        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var currency = company.MultiCurrency && !string.Equals(order.Currency, company.HomeCurrency, StringComparison.OrdinalIgnoreCase)
            ? "|" + order.Currency.ToUpperInvariant()
            : "";
        var customer = order.Customer;
        if (_context.Settings.Sales.Customers == CustomerMode.Generic || customer is null || (customer.SourceId is null && customer.Email is null && customer.DisplayName is null))
        {
            return "generic" + currency;
        }

        var key = customer.SourceId is { } id ? "id:" + id
            : customer.Email is { } email ? "email:" + email.Trim().ToLowerInvariant()
            : "name:" + customer.DisplayName!.Trim().ToLowerInvariant();
        return key + currency;
    }

    public async Task<Ref> ResolveAsync(StoreOrder order, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(order, cancellationToken).ConfigureAwait(false);
        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var currency = company.MultiCurrency ? order.Currency.ToUpperInvariant() : null;
        var foreign = currency is not null && !string.Equals(currency, company.HomeCurrency, StringComparison.OrdinalIgnoreCase);
        var generic = key.StartsWith("generic", StringComparison.Ordinal);
        var customer = generic ? null : order.Customer;

        var existing = await _context.State.Links.FindAsync(_context.ConnectionId, LinkKind.Customer, key, cancellationToken).ConfigureAwait(false);
        if (existing is { State: LinkState.Done, QboId: { } linked })
        {
            return Ref.To(linked);
        }

        var wantedName = generic
            ? _context.Settings.Sales.GenericCustomerName
            : Clean(customer!.DisplayName ?? customer.Email ?? $"Customer {customer.SourceId}");
        if (foreign)
        {
            wantedName = $"{wantedName} ({currency})";
        }

        if (existing is null || existing.State != LinkState.Pending)
        {
            var match = await FindAsync(generic ? null : customer!.Email, wantedName, currency, cancellationToken).ConfigureAwait(false);
            if (match is not null)
            {
                await _writes.AdoptAsync(LinkKind.Customer, key, match.Id!, match.SyncToken, cancellationToken).ConfigureAwait(false);
                return Ref.To(match.Id!, match.DisplayName);
            }
        }

        var id = await _writes.EnsureAsync(LinkKind.Customer, key, (requestId, ct) => CreateAsync(customer, wantedName, currency, requestId, ct), cancellationToken).ConfigureAwait(false);
        return Ref.To(id, wantedName);
    }

    private async Task<Customer?> FindAsync(string? email, string displayName, string? currency, CancellationToken cancellationToken)
    {
        var qbo = _context.Qbo;
        if (!string.IsNullOrWhiteSpace(email))
        {
            var byEmail = await qbo.Customers.QueryAsync(qbo.Customers.Where().WhereEquals("PrimaryEmailAddr", email.Trim()), cancellationToken)
                .Where(c => currency is null || string.Equals(c.CurrencyRef?.Value, currency, StringComparison.OrdinalIgnoreCase))
                .Take(2).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (byEmail.Count == 1)
            {
                return byEmail[0];
            }
        }

        var byName = await qbo.Customers.FindByDisplayNameAsync(displayName, cancellationToken).ConfigureAwait(false);
        return byName is not null && byName.Active != false && (currency is null || string.Equals(byName.CurrencyRef?.Value, currency, StringComparison.OrdinalIgnoreCase))
            ? byName
            : null;
    }

    private async Task<(string Id, string? SyncToken)> CreateAsync(StoreCustomer? customer, string wantedName, string? currency, string requestId, CancellationToken cancellationToken)
    {
        var candidates = Candidates(wantedName, customer?.Email).ToList();
        QboDuplicateNameException? last = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var created = new Customer
            {
                DisplayName = candidates[i],
                GivenName = Part(customer?.FirstName, 100),
                FamilyName = Part(customer?.LastName, 100),
                CompanyName = Part(customer?.Company, 100),
                PrimaryEmailAddr = string.IsNullOrWhiteSpace(customer?.Email) ? null : EmailAddress.Of(customer.Email.Trim()),
                PrimaryPhone = string.IsNullOrWhiteSpace(customer?.Phone) ? null : new TelephoneNumber { FreeFormNumber = customer.Phone.Trim() },
                BillAddr = Addresses.From(customer?.BillingAddress),
                ShipAddr = Addresses.From(customer?.ShippingAddress),
                CurrencyRef = currency is null ? null : Ref.To(currency),
            };
            try
            {
                // Each name tried is its own write: QuickBooks would replay the refusal for a reused requestid.
                var result = await _context.Qbo.Customers.CreateAsync(created, QboRequestOptions.WithRequestId(i == 0 ? requestId : $"{requestId}-n{i}"), cancellationToken).ConfigureAwait(false);
                return (result.Id!, result.SyncToken);
            }
            catch (QboDuplicateNameException e)
            {
                last = e;
            }
        }

        throw last!;
    }

    /// <summary>The name, then the name with the email in brackets, then numbered: deterministic, readable.</summary>
    private static IEnumerable<string> Candidates(string name, string? email)
    {
        yield return name;
        if (!string.IsNullOrWhiteSpace(email))
        {
            yield return Fit($"{name} ({email.Trim()})");
        }

        for (var n = 2; n <= 9; n++)
        {
            yield return Fit($"{name} ({n})");
        }
    }

    /// <summary>QuickBooks refuses colons, tabs and line breaks in names.</summary>
    private static string Clean(string name)
    {
        var cleaned = ItemNames.Clean(name);
        return cleaned.Length == 0 ? "Customer" : Fit(cleaned);
    }

    private static string Fit(string name) => name.Length <= MaxDisplayName ? name : name[..MaxDisplayName];

    private static string? Part(string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var cleaned = ItemNames.Clean(value);
        return cleaned.Length <= max ? cleaned : cleaned[..max];
    }
}
