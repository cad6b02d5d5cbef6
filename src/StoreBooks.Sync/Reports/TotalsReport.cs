using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Invoices;
using StoreBooks.QuickBooks.RefundReceipts;
using StoreBooks.QuickBooks.SalesReceipts;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync.Reports;

/// <summary>One figure, as the store has it and as QuickBooks has it.</summary>
public sealed record TotalsLine(string Measure, decimal Store, decimal QuickBooks)
{
    public bool Agrees => Store == QuickBooks;
}

/// <summary>The store's figures beside QuickBooks' for what a connection has posted.</summary>
public sealed record TotalsComparison(int Documents, int Refunds, IReadOnlyList<TotalsLine> Lines)
{
    public bool Agrees => Lines.All(l => l.Agrees);
}

/// <summary>
/// Compares, for every order StoreBooks posted, the store's totals with the QuickBooks documents': sales (what was charged,
/// less gift cards redeemed), tax, shipping, discounts, and refunds. For tax-inclusive orders, shipping and discounts are
/// compared before tax, as QuickBooks shows them.
/// </summary>
public static class TotalsReport
{
    public static async Task<TotalsComparison> CompareAsync(SyncContext context, IStoreSource source, CancellationToken cancellationToken)
    {
        var links = context.State.Links;
        var sales = (await links.ListAsync(context.ConnectionId, LinkKind.Sale, LinkState.Done, cancellationToken).ConfigureAwait(false))
            .ToDictionary(l => l.SourceId, l => l.QboId!, StringComparer.Ordinal);
        var refunds = (await links.ListAsync(context.ConnectionId, LinkKind.Refund, LinkState.Done, cancellationToken).ConfigureAwait(false))
            .ToDictionary(l => l.SourceId, l => l.QboId!, StringComparer.Ordinal);
        var documents = await DocumentsAsync(context, cancellationToken).ConfigureAwait(false);
        var refundDocuments = await context.Qbo.RefundReceipts.QueryAsync(context.Qbo.RefundReceipts.Where(), cancellationToken)
            .ToDictionaryAsync(r => r.Id!, cancellationToken: cancellationToken).ConfigureAwait(false);
        var shippingItem = await ShippingItemIdAsync(context, cancellationToken).ConfigureAwait(false);

        decimal storeTotal = 0, qboTotal = 0, storeTax = 0, qboTax = 0, storeShipping = 0, qboShipping = 0, storeDiscount = 0, qboDiscount = 0, storeRefunds = 0, qboRefunds = 0;
        int posted = 0, refunded = 0;
        await foreach (var page in source.ReadOrdersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var order in page.Records)
            {
                if (!sales.TryGetValue(order.SourceId, out var id) || !documents.TryGetValue(id, out var document))
                {
                    continue;
                }

                posted++;
                storeTotal += order.Totals.Total - order.Payments.Where(p => p.IsGiftCard && p.Kind == StorePaymentKind.Received).Sum(p => p.Amount);
                storeTax += order.Totals.Tax;
                // As the documents have them: shipping net of its own discounts, negative fees on the discount line.
                var onShipping = order.Shipping.Sum(s => s.Discount);
                var credits = order.Fees.Where(f => f.Amount - f.Discount < 0).Sum(f => f.Discount - f.Amount - (order.TaxesIncluded ? -f.Taxes.Sum(t => t.Amount) : 0));
                storeShipping += order.TaxesIncluded ? order.Shipping.Sum(s => s.Amount - s.Discount - s.Taxes.Sum(t => t.Amount)) : order.Totals.Shipping - onShipping;
                storeDiscount += credits + (order.TaxesIncluded
                    ? order.Lines.Sum(l => NetOf(l.Discount, l.Taxes)) + order.Fees.Where(f => f.Amount - f.Discount >= 0).Sum(f => NetOf(f.Discount, f.Taxes))
                    : order.Totals.Discounts - onShipping);
                qboTotal += document.TotalAmt ?? 0;
                qboTax += document.TxnTaxDetail?.TotalTax is { } rateTax && rateTax != 0 ? rateTax : SalesTaxLines(document, context);
                qboShipping += (document.Line ?? []).Where(l => l.SalesItemLineDetail?.ItemRef?.Value is { } item && (item == shippingItem || item == "SHIPPING_ITEM_ID")).Sum(l => l.Amount ?? 0);
                qboDiscount += (document.Line ?? []).Where(l => l.DetailType == LineDetailTypes.Discount).Sum(l => l.Amount ?? 0);
                foreach (var refund in order.Refunds)
                {
                    if (refunds.TryGetValue(OrderSync.RefundKey(order, refund), out var refundId) && refundDocuments.TryGetValue(refundId, out var receipt))
                    {
                        refunded++;
                        storeRefunds += refund.Total;
                        qboRefunds += receipt.TotalAmt ?? 0;
                    }
                }
            }
        }

        return new TotalsComparison(posted, refunded,
        [
            new("Sales (charged, less gift cards redeemed)", storeTotal, qboTotal),
            new("Tax", storeTax, qboTax),
            new("Shipping", storeShipping, qboShipping),
            new("Discounts", storeDiscount, qboDiscount),
            new("Refunds", storeRefunds, qboRefunds),
        ]);
    }

    private static decimal NetOf(decimal amount, IReadOnlyList<StoreTax> taxes) => Cents.Round(amount / (1m + taxes.Sum(t => t.Rate)));

    /// <summary>US companies: tax is the collected-tax item's lines.</summary>
    private static decimal SalesTaxLines(SalesTransaction document, SyncContext context) =>
        (document.Line ?? []).Where(l => l.SalesItemLineDetail?.ItemRef?.Name is { } name && MatchKeys.Same(name, context.Settings.Sales.SalesTaxItem)).Sum(l => l.Amount ?? 0);

    private static async Task<Dictionary<string, SalesTransaction>> DocumentsAsync(SyncContext context, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, SalesTransaction>(StringComparer.Ordinal);
        await foreach (var receipt in context.Qbo.SalesReceipts.QueryAsync(context.Qbo.SalesReceipts.Where(), cancellationToken).ConfigureAwait(false))
        {
            all[receipt.Id!] = receipt;
        }

        await foreach (var invoice in context.Qbo.Invoices.QueryAsync(context.Qbo.Invoices.Where(), cancellationToken).ConfigureAwait(false))
        {
            all[invoice.Id!] = invoice;
        }

        return all;
    }

    private static async Task<string?> ShippingItemIdAsync(SyncContext context, CancellationToken cancellationToken)
    {
        var link = await context.State.Links.FindAsync(context.ConnectionId, LinkKind.Item, $"storebooks:{SpecialItem.Shipping}", cancellationToken).ConfigureAwait(false);
        if (link?.QboId is { } id)
        {
            return id;
        }

        var catalog = await context.ItemsAsync(cancellationToken).ConfigureAwait(false);
        return catalog.WithName(context.Settings.Sales.ShippingItem).FirstOrDefault()?.Id;
    }
}
