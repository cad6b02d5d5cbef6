using StoreBooks.Core.Sources;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Items;
using StoreBooks.QuickBooks.PaymentMethods;
using StoreBooks.QuickBooks.TaxCodes;

namespace StoreBooks.Sync.Sales;

/// <summary>
/// What the sales settings can name, for a form that offers it: the QuickBooks company's active tax codes, payment methods, items
/// and customers (the first <see cref="MaxCustomers"/>, by name), and the store's tax names (as <c>sales.taxCodes</c> keys them,
/// <see cref="TaxCodeMap.Label"/>) and payment gateways seen on its most recent orders.
/// </summary>
public sealed record SalesChoices
{
    public const int MaxCustomers = 200;

    /// <summary>How many of the store's orders are read for their tax names and gateways.</summary>
    public const int OrdersRead = 250;

    public IReadOnlyList<TaxCode> TaxCodes { get; init; } = [];

    public IReadOnlyList<PaymentMethod> PaymentMethods { get; init; } = [];

    public IReadOnlyList<Item> Items { get; init; } = [];

    public IReadOnlyList<string> CustomerNames { get; init; } = [];

    public IReadOnlyList<string> StoreTaxes { get; init; } = [];

    public IReadOnlyList<string> StoreGateways { get; init; } = [];

    public static async Task<SalesChoices> LoadAsync(QboClient client, CancellationToken cancellationToken)
    {
        var codes = await client.TaxCodes.QueryAsync(client.TaxCodes.Where(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var methods = await client.PaymentMethods.QueryAsync(client.PaymentMethods.Where(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var items = await client.Items.QueryAsync(client.Items.Where(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var customers = await client.Customers.QueryAsync(client.Customers.Where().OrderBy("DisplayName"), cancellationToken)
            .Take(MaxCustomers).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new SalesChoices
        {
            TaxCodes = codes.Where(c => c.Active != false && c.Id is not null).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            PaymentMethods = methods.Where(m => m.Active != false && m.Name is not null).OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            Items = items.Where(i => i.Active != false && i.Name is not null && i.Type != ItemTypes.Category).OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            CustomerNames = customers.Select(c => c.DisplayName).OfType<string>().ToList(),
        };
    }

    /// <summary>These choices with the tax names and gateways of the store's most recent <see cref="OrdersRead"/> orders.</summary>
    public async Task<SalesChoices> WithStoreAsync(IStoreSource source, CancellationToken cancellationToken)
    {
        var taxes = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var gateways = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var read = 0;
        await foreach (var page in source.ReadOrdersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var order in page.Records)
            {
                foreach (var tax in order.Lines.SelectMany(l => l.Taxes).Concat(order.Shipping.SelectMany(s => s.Taxes)).Where(t => t.Rate != 0 || t.Amount != 0))
                {
                    taxes.Add(TaxCodeMap.Label(tax));
                }

                foreach (var payment in order.Payments.Where(p => !p.IsGiftCard && !string.IsNullOrWhiteSpace(p.Gateway)))
                {
                    gateways.Add(payment.Gateway.Trim());
                }
            }

            read += page.Records.Count;
            if (read >= OrdersRead)
            {
                break;
            }
        }

        return this with { StoreTaxes = [.. taxes], StoreGateways = [.. gateways] };
    }
}
