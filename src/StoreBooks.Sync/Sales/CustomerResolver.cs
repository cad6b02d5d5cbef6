using System.Collections.Concurrent;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.QuickBooks.Errors;

namespace StoreBooks.Sync.Sales;

/// <summary>The QuickBooks customer an order goes under, and what was changed to fit QuickBooks when it was made.</summary>
public sealed record CustomerChoice(Ref Ref, IReadOnlyList<SyncMessage> Warnings);

/// <summary>
/// The QuickBooks customer of an order: the generic customer ("Online Sales") when the settings say so or the order has no buyer;
/// else the store's customer, by its link, else matched — by email only when the buyer has one (two people with one name are two
/// customers), by display name only when they have none — else created. Display names are unique across customers, vendors and
/// employees in QuickBooks: a clash takes the email in brackets, then a number. With multi-currency, a customer is per currency
/// ("Ann Lee (EUR)"), as QuickBooks fixes a customer's currency. An email QuickBooks would refuse counts as no email.
/// </summary>
public sealed class CustomerResolver
{
    private const int MaxDisplayName = 500;

    /// <summary>Emails or names asked for in one query (<c>IN (…)</c>): a page of buyers costs a few requests, not one each.</summary>
    private const int LookupChunk = 40;

    private readonly SyncContext _context;
    private readonly LinkedWrite _writes;

    /// <summary>QuickBooks' customers by email (lower case) and by display name (lower case), as a page's lookup found them.</summary>
    private readonly ConcurrentDictionary<string, IReadOnlyList<Customer>> _byEmail = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Customer?> _byName = new(StringComparer.Ordinal);

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
            : EmailOf(customer) is { } email ? "email:" + email.ToLowerInvariant()
            : customer.DisplayName is { } name ? "name:" + name.Trim().ToLowerInvariant()
            : "generic";
        return key + currency;
    }

    /// <summary>
    /// Looks up in QuickBooks, a few queries for the whole page, the buyers of <paramref name="orders"/> that have no customer link
    /// yet: by email (<c>PrimaryEmailAddr IN (…)</c>) for those with one, by display name for the others. Each order's
    /// <see cref="ResolveAsync"/> then finds its match (or learns there is none) without a request of its own.
    /// </summary>
    public async Task PrefetchAsync(IReadOnlyList<StoreOrder> orders, CancellationToken cancellationToken)
    {
        if (_context.Settings.Sales.Customers == CustomerMode.Generic || orders.Count == 0)
        {
            return;
        }

        var keyed = new List<(string Key, StoreOrder Order)>();
        foreach (var order in orders)
        {
            keyed.Add((await KeyAsync(order, cancellationToken).ConfigureAwait(false), order));
        }

        var links = await _context.State.Links.FindManyAsync(_context.ConnectionId, LinkKind.Customer, keyed.Select(k => k.Key).Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        var unlinked = keyed.Where(k => !k.Key.StartsWith("generic", StringComparison.Ordinal) && links.GetValueOrDefault(k.Key) is not { State: LinkState.Done or LinkState.Pending }).ToList();
        var emails = unlinked.Select(k => EmailOf(k.Order.Customer)).OfType<string>()
            .DistinctBy(e => e.ToLowerInvariant()).Where(e => !_byEmail.ContainsKey(e.ToLowerInvariant())).ToList();
        var customers = _context.Qbo.Customers;
        foreach (var chunk in emails.Chunk(LookupChunk))
        {
            var found = await customers.QueryAsync(customers.Where().WhereIn("PrimaryEmailAddr", chunk), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            var byEmail = found.Where(c => c.PrimaryEmailAddr?.Address is not null).ToLookup(c => c.PrimaryEmailAddr!.Address!.Trim().ToLowerInvariant());
            foreach (var email in chunk)
            {
                _byEmail[email.ToLowerInvariant()] = [.. byEmail[email.ToLowerInvariant()]];
            }
        }

        var names = unlinked.Where(k => EmailOf(k.Order.Customer) is null && k.Order.Customer?.DisplayName is not null)
            .Select(k => Clean(k.Order.Customer!.DisplayName!)).DistinctBy(n => n.ToLowerInvariant()).Where(n => !_byName.ContainsKey(n.ToLowerInvariant())).ToList();
        foreach (var chunk in names.Chunk(LookupChunk))
        {
            var found = await customers.QueryAsync(customers.Where().WhereIn("DisplayName", chunk).IncludeInactive(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var name in chunk)
            {
                _byName[name.ToLowerInvariant()] = found.FirstOrDefault(c => string.Equals(c.DisplayName?.Trim(), name, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    /// <summary>The buyer's email when QuickBooks would take it; null otherwise.</summary>
    private static string? EmailOf(StoreCustomer? customer) => EmailAddresses.IsValid(customer?.Email) ? customer!.Email!.Trim() : null;

    public async Task<CustomerChoice> ResolveAsync(StoreOrder order, CancellationToken cancellationToken)
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
            return new CustomerChoice(Ref.To(linked), []);
        }

        var warnings = new List<SyncMessage>();
        var email = EmailOf(customer);
        var raw = generic ? _context.Settings.Sales.GenericCustomerName : customer!.DisplayName ?? email ?? $"Customer {customer.SourceId}";
        var wantedName = Clean(raw);
        if (!generic && wantedName != raw.Trim())
        {
            warnings.Add(WarningMessages.CustomerName.With(
                ("order", OrderCheck.ReferenceMessage(order)), ("name", Shorten(raw.Trim())), ("cleaned", Shorten(wantedName)), ("max", MaxDisplayName)));
        }

        if (foreign)
        {
            wantedName = $"{wantedName} ({currency})";
        }

        if (existing is null || existing.State != LinkState.Pending)
        {
            var match = await FindAsync(order, email, wantedName, currency, warnings, cancellationToken).ConfigureAwait(false);
            if (match is not null)
            {
                var adopted = await _writes.AdoptAsync(LinkKind.Customer, key, match.Id!, match.SyncToken, cancellationToken).ConfigureAwait(false);
                return new CustomerChoice(adopted == match.Id ? Ref.To(match.Id!, match.DisplayName) : Ref.To(adopted), warnings);
            }
        }

        var id = await _writes.EnsureAsync(LinkKind.Customer, key, (write, ct) => CreateAsync(order, customer, email, wantedName, currency, warnings, write, ct), cancellationToken).ConfigureAwait(false);
        return new CustomerChoice(Ref.To(id, wantedName), warnings);
    }

    /// <summary>
    /// The existing QuickBooks customer of a buyer: by email when they have one (never by name then: another person may have the
    /// same name), by display name when they have none. Several customers with the buyer's email: the one with the buyer's name,
    /// else the oldest, and a warning says so.
    /// </summary>
    private async Task<Customer?> FindAsync(StoreOrder order, string? email, string displayName, string? currency, List<SyncMessage> warnings, CancellationToken cancellationToken)
    {
        var qbo = _context.Qbo;
        if (email is not null)
        {
            var candidates = _byEmail.TryGetValue(email.ToLowerInvariant(), out var looked)
                ? looked
                : await qbo.Customers.QueryAsync(qbo.Customers.Where().WhereEquals("PrimaryEmailAddr", email), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            var byEmail = candidates
                .Where(c => c.Active != false && (currency is null || string.Equals(c.CurrencyRef?.Value, currency, StringComparison.OrdinalIgnoreCase)))
                .Take(10).ToList();
            if (byEmail.Count <= 1)
            {
                return byEmail.FirstOrDefault();
            }

            var chosen = byEmail.FirstOrDefault(c => string.Equals(c.DisplayName?.Trim(), displayName, StringComparison.OrdinalIgnoreCase))
                ?? byEmail.OrderBy(c => c.Id?.Length ?? 0).ThenBy(c => c.Id, StringComparer.Ordinal).First();
            warnings.Add(WarningMessages.SameEmail.With(
                ("order", OrderCheck.ReferenceMessage(order)), ("count", byEmail.Count), ("email", email),
                ("customers", MessageArg.List(byEmail.Select(c => (MessageArg)WarningMessages.Customer.With(("name", c.DisplayName ?? ""), ("id", c.Id ?? ""))), ", ")),
                ("chosen", chosen.DisplayName ?? "")));
            return chosen;
        }

        var byName = _byName.TryGetValue(displayName.ToLowerInvariant(), out var named)
            ? named
            : await qbo.Customers.FindByDisplayNameAsync(displayName, cancellationToken).ConfigureAwait(false);
        return byName is not null && byName.Active != false && (currency is null || string.Equals(byName.CurrencyRef?.Value, currency, StringComparison.OrdinalIgnoreCase))
            ? byName
            : null;
    }

    private async Task<(string Id, string? SyncToken)> CreateAsync(StoreOrder order, StoreCustomer? customer, string? email, string wantedName, string? currency, List<SyncMessage> warnings, LinkWriteAttempt write, CancellationToken cancellationToken)
    {
        var requestId = write.Link.RequestId;
        var candidates = Candidates(wantedName, email).ToList();
        QboDuplicateNameException? last = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var created = new Customer
            {
                DisplayName = candidates[i],
                GivenName = Part(customer?.FirstName, 100),
                FamilyName = Part(customer?.LastName, 100),
                CompanyName = Part(customer?.Company, 100),
                PrimaryEmailAddr = email is null ? null : EmailAddress.Of(email),
                PrimaryPhone = string.IsNullOrWhiteSpace(customer?.Phone) ? null : new TelephoneNumber { FreeFormNumber = Part(customer.Phone, 30) },
                BillAddr = Addresses.From(customer?.BillingAddress),
                ShipAddr = Addresses.From(customer?.ShippingAddress),
                CurrencyRef = currency is null ? null : Ref.To(currency),
            };
            try
            {
                // Each name tried is its own write: QuickBooks would replay the refusal for a reused requestid.
                // The first name may go in a batch (the link has just become Pending); the others go on their own.
                var options = QboRequestOptions.WithRequestId(i == 0 ? requestId : $"{requestId}-n{i}");
                var result = i == 0
                    ? await _writes.Batches.CreateAsync(created, write.Link, write.Fresh, null, c => _context.Qbo.Customers.CreateAsync(created, options, c), cancellationToken).ConfigureAwait(false)
                    : await _context.Qbo.Customers.CreateAsync(created, options, cancellationToken).ConfigureAwait(false);
                if (!string.IsNullOrWhiteSpace(customer?.Email) && email is null)
                {
                    warnings.Add(WarningMessages.CustomerWithoutEmail.With(("order", OrderCheck.ReferenceMessage(order)), ("name", candidates[i]), ("email", customer.Email.Trim())));
                }

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
        var cleaned = ItemNames.Clean(name, MaxDisplayName);
        return cleaned.Length == 0 ? "Customer" : cleaned;
    }

    private static string Fit(string name) => name.Length <= MaxDisplayName ? name : name[..MaxDisplayName].TrimEnd();

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

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
