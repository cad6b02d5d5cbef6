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

/// <summary>One figure, as the store has it and as QuickBooks has it; <see cref="Key"/> names it for a translation ("sales", "tax"…).</summary>
public sealed record TotalsLine(string Measure, decimal Store, decimal QuickBooks)
{
    public string Key { get; init; } = "";

    public bool Agrees => Store == QuickBooks;
}

/// <summary>The store's figures beside QuickBooks' for what a connection has posted.</summary>
public sealed record TotalsComparison(int Documents, int Refunds, IReadOnlyList<TotalsLine> Lines)
{
    public bool Agrees => Lines.All(l => l.Agrees);
}

/// <summary>One day's figures: the documents dated that day in QuickBooks (sales and refunds) beside their orders and refunds in the store.</summary>
public sealed record DayTotals(DateOnly Day, TotalsComparison Totals)
{
    public bool Agrees => Totals.Agrees;
}

/// <summary>A period's figures, in all and day by day (only the days with a document).</summary>
public sealed record PeriodTotals(DateOnly From, DateOnly To, TotalsComparison Overall, IReadOnlyList<DayTotals> Days)
{
    public bool Agrees => Overall.Agrees && Days.All(d => d.Agrees);
}

/// <summary>
/// Compares, for every order StoreBooks posted, the store's totals with the QuickBooks documents': sales (what was charged,
/// less gift cards redeemed), tax, shipping, discounts, and refunds. For tax-inclusive orders, shipping and discounts are
/// compared before tax, as QuickBooks shows them. A sale counts on its document's date, a refund on its refund receipt's.
/// </summary>
public static class TotalsReport
{
    /// <summary>Everything posted, in all (what <c>storebooks demo</c> prints).</summary>
    public static async Task<TotalsComparison> CompareAsync(SyncContext context, IStoreSource source, CancellationToken cancellationToken)
    {
        var days = await SumByDayAsync(context, source, null, cancellationToken).ConfigureAwait(false);
        return Comparison(days.Values);
    }

    /// <summary>
    /// The documents dated from <paramref name="from"/> to <paramref name="to"/> (both included), in all and day by day. Orders
    /// are read from a little before the period (an order dated in it cannot have changed before it was placed).
    /// </summary>
    public static async Task<PeriodTotals> CompareByDayAsync(SyncContext context, IStoreSource source, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        var days = await SumByDayAsync(context, source, (from, to), cancellationToken).ConfigureAwait(false);
        var list = days.OrderBy(d => d.Key).Select(d => new DayTotals(d.Key, Comparison([d.Value]))).ToList();
        return new PeriodTotals(from, to, Comparison(days.Values), list);
    }

    private static async Task<Dictionary<DateOnly, Sums>> SumByDayAsync(SyncContext context, IStoreSource source, (DateOnly From, DateOnly To)? period, CancellationToken cancellationToken)
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
        bool InPeriod(DateOnly day) => period is not { } p || (day >= p.From && day <= p.To);

        var days = new Dictionary<DateOnly, Sums>();
        Sums Day(DateOnly day) => days.TryGetValue(day, out var sums) ? sums : days[day] = new Sums();
        DateTimeOffset? since = period is { } range ? new DateTimeOffset(range.From.AddDays(-2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        await foreach (var page in source.ReadOrdersAsync(since, cancellationToken).ConfigureAwait(false))
        {
            foreach (var order in page.Records)
            {
                if (sales.TryGetValue(order.SourceId, out var id) && documents.TryGetValue(id, out var document)
                    && (document.TxnDate ?? DateOnly.FromDateTime(order.CreatedAt.UtcDateTime)) is var day && InPeriod(day))
                {
                    Day(day).AddSale(order, document, shippingItem, context);
                }

                foreach (var refund in order.Refunds)
                {
                    if (refunds.TryGetValue(OrderSync.RefundKey(order, refund), out var refundId) && refundDocuments.TryGetValue(refundId, out var receipt)
                        && (receipt.TxnDate ?? DateOnly.FromDateTime(refund.CreatedAt.UtcDateTime)) is var refundDay && InPeriod(refundDay))
                    {
                        Day(refundDay).AddRefund(refund.Total, receipt.TotalAmt ?? 0);
                    }
                }
            }
        }

        return days;
    }

    private static TotalsComparison Comparison(IEnumerable<Sums> days)
    {
        var all = new Sums();
        foreach (var day in days)
        {
            all.Add(day);
        }

        return all.Comparison();
    }

    /// <summary>The running sums of one day, or of a whole period.</summary>
    private sealed class Sums
    {
        private decimal _storeTotal, _qboTotal, _storeTax, _qboTax, _storeShipping, _qboShipping, _storeDiscount, _qboDiscount, _storeRefunds, _qboRefunds;
        private int _posted, _refunded;

        public void AddSale(StoreOrder order, SalesTransaction document, string? shippingItem, SyncContext context)
        {
            _posted++;
            _storeTotal += order.Totals.Total - order.Payments.Where(p => p.IsGiftCard && p.Kind == StorePaymentKind.Received).Sum(p => p.Amount);
            _storeTax += order.Totals.Tax;
            // As the documents have them: shipping net of its own discounts, negative fees on the discount line.
            var onShipping = order.Shipping.Sum(s => s.Discount);
            var credits = order.Fees.Where(f => f.Amount - f.Discount < 0).Sum(f => f.Discount - f.Amount - (order.TaxesIncluded ? -f.Taxes.Sum(t => t.Amount) : 0));
            _storeShipping += order.TaxesIncluded ? order.Shipping.Sum(s => s.Amount - s.Discount - s.Taxes.Sum(t => t.Amount)) : order.Totals.Shipping - onShipping;
            _storeDiscount += credits + (order.TaxesIncluded
                ? order.Lines.Sum(l => NetOf(l.Discount, l.Taxes)) + order.Fees.Where(f => f.Amount - f.Discount >= 0).Sum(f => NetOf(f.Discount, f.Taxes))
                : order.Totals.Discounts - onShipping);
            _qboTotal += document.TotalAmt ?? 0;
            _qboTax += document.TxnTaxDetail?.TotalTax is { } rateTax && rateTax != 0 ? rateTax : SalesTaxLines(document, context);
            _qboShipping += (document.Line ?? []).Where(l => l.SalesItemLineDetail?.ItemRef?.Value is { } item && (item == shippingItem || item == "SHIPPING_ITEM_ID")).Sum(l => l.Amount ?? 0);
            _qboDiscount += (document.Line ?? []).Where(l => l.DetailType == LineDetailTypes.Discount).Sum(l => l.Amount ?? 0);
        }

        public void AddRefund(decimal store, decimal quickBooks)
        {
            _refunded++;
            _storeRefunds += store;
            _qboRefunds += quickBooks;
        }

        public void Add(Sums other)
        {
            _posted += other._posted;
            _refunded += other._refunded;
            _storeTotal += other._storeTotal;
            _qboTotal += other._qboTotal;
            _storeTax += other._storeTax;
            _qboTax += other._qboTax;
            _storeShipping += other._storeShipping;
            _qboShipping += other._qboShipping;
            _storeDiscount += other._storeDiscount;
            _qboDiscount += other._qboDiscount;
            _storeRefunds += other._storeRefunds;
            _qboRefunds += other._qboRefunds;
        }

        public TotalsComparison Comparison() => new(_posted, _refunded,
        [
            new("Sales (charged, less gift cards redeemed)", _storeTotal, _qboTotal) { Key = "sales" },
            new("Tax", _storeTax, _qboTax) { Key = "tax" },
            new("Shipping", _storeShipping, _qboShipping) { Key = "shipping" },
            new("Discounts", _storeDiscount, _qboDiscount) { Key = "discounts" },
            new("Refunds", _storeRefunds, _qboRefunds) { Key = "refunds" },
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
