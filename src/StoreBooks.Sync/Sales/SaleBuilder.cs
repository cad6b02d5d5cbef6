using System.Globalization;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sales;
using StoreBooks.QuickBooks.Common;

namespace StoreBooks.Sync.Sales;

/// <summary>
/// Works out the lines of an order's sales document and of each refund, correct to the cent: product lines at the store's
/// prices, one discount line, shipping, fees, tips, gift cards sold (to the gift-card liability) and redeemed (a tender: a
/// negative gift-card line), and tax — the store's tax per QuickBooks rate for non-US companies, or one collected-tax line for US
/// companies. When QuickBooks' arithmetic would still differ from the store's total by a few cents, the difference goes on the
/// rounding line, visibly; a larger one is a problem reported, not posted.
/// </summary>
public sealed class SaleBuilder
{
    /// <summary>The largest difference the rounding line may absorb.</summary>
    public const decimal RoundingTolerance = 0.05m;

    private readonly SpecialItems _specials;
    private readonly TaxCodeMap? _taxes;
    private readonly TaxMode _usOrNot;

    public SaleBuilder(SpecialItems specials, TaxCodeMap? taxes, bool isUs)
    {
        _specials = specials;
        _taxes = taxes;
        _usOrNot = isUs ? TaxMode.Us : TaxMode.Exclusive;
    }

    public TaxMode ModeOf(StoreOrder order) => _usOrNot == TaxMode.Us ? TaxMode.Us : order.TaxesIncluded ? TaxMode.Inclusive : TaxMode.Exclusive;

    /// <param name="items">The QuickBooks item of each product line (by line source id); gift-card lines need none.</param>
    public async Task<SaleDraft> BuildSaleAsync(StoreOrder order, IReadOnlyDictionary<string, Ref> items, CancellationToken cancellationToken)
    {
        var mode = ModeOf(order);
        var reference = OrderCheck.Reference(order);
        var lines = new DraftLines(mode, _taxes, reference);
        foreach (var line in order.Lines)
        {
            var item = line.IsGiftCard ? await Special(SpecialItem.GiftCards) : items[line.SourceId];
            lines.AddSold($"line {line.Position}", item, Describe(line), line.Quantity, line.UnitPrice, line.GrossAmount, line.Discount, line.Taxes);
        }

        foreach (var shipping in order.Shipping)
        {
            lines.AddSold("shipping", await Special(SpecialItem.Shipping), shipping.Title, null, null, shipping.Amount, shipping.Discount, shipping.Taxes, isShipping: true);
        }

        foreach (var fee in order.Fees)
        {
            lines.AddSold("fee", await Special(SpecialItem.Fees), fee.Title, null, null, fee.Amount, fee.Discount, fee.Taxes);
        }

        if (order.Tip != 0)
        {
            lines.AddFlat("tip", await Special(SpecialItem.Tips), "Tip", order.Tip);
        }

        var redeemed = order.Payments.Where(p => p.IsGiftCard && p.Kind == StorePaymentKind.Received).Sum(p => p.Amount);
        if (redeemed != 0)
        {
            lines.AddFlat("gift card", await Special(SpecialItem.GiftCards), "Paid with a gift card", -redeemed);
        }

        if (lines.UsTax != 0)
        {
            lines.AddFlat("tax", await Special(SpecialItem.SalesTax), "Sales tax collected by the store", lines.UsTax);
        }

        return await FinishAsync(lines, order.Totals.Total - redeemed, reference, cancellationToken).ConfigureAwait(false);

        Task<Ref> Special(SpecialItem kind) => _specials.GetAsync(kind, cancellationToken);
    }

    /// <summary>A refund's lines: the refunded lines (to "returns not restocked" when goods did not come back), shipping, tax, adjustments.</summary>
    public async Task<SaleDraft> BuildRefundAsync(StoreOrder order, StoreRefund refund, IReadOnlyDictionary<string, Ref> items, Func<string, bool> isInventoryItem, CancellationToken cancellationToken)
    {
        var mode = ModeOf(order);
        var reference = $"{OrderCheck.Reference(order)}, refund {refund.SourceId}";
        var lines = new DraftLines(mode, _taxes, reference);
        var byId = order.Lines.ToDictionary(l => l.SourceId, StringComparer.Ordinal);
        foreach (var refunded in refund.Lines)
        {
            if (!byId.TryGetValue(refunded.OrderLineSourceId, out var line))
            {
                lines.AddProblem($"{reference}: it refunds line {refunded.OrderLineSourceId}, which the order does not have.");
                continue;
            }

            var item = line.IsGiftCard ? await Special(SpecialItem.GiftCards) : items[line.SourceId];
            if (!refunded.Restock && item.Value is { } id && isInventoryItem(id))
            {
                item = await Special(SpecialItem.NotRestocked);
            }

            lines.AddSold($"line {line.Position}", item, Describe(line) + (refunded.Restock ? " (returned to stock)" : ""), refunded.Quantity == 0 ? null : refunded.Quantity, null,
                refunded.Amount + (mode == TaxMode.Inclusive ? refunded.Taxes.Sum(t => t.Amount) : 0), 0, refunded.Taxes);
        }

        if (refund.Shipping != 0 || refund.ShippingTaxes.Count > 0)
        {
            lines.AddSold("shipping", await Special(SpecialItem.Shipping), "Shipping refunded", null, null,
                refund.Shipping + (mode == TaxMode.Inclusive ? refund.ShippingTaxes.Sum(t => t.Amount) : 0), 0, refund.ShippingTaxes, isShipping: true);
        }

        if (refund.Adjustment != 0)
        {
            lines.AddFlat("adjustment", await Special(SpecialItem.RefundAdjustment), refund.Note is { Length: > 0 } note ? $"Refund: {note}" : "Refund adjustment", refund.Adjustment);
        }

        if (lines.UsTax != 0)
        {
            lines.AddFlat("tax", await Special(SpecialItem.SalesTax), "Sales tax refunded", lines.UsTax);
        }

        return await FinishAsync(lines, refund.Total, reference, cancellationToken).ConfigureAwait(false);

        Task<Ref> Special(SpecialItem kind) => _specials.GetAsync(kind, cancellationToken);
    }

    private async Task<SaleDraft> FinishAsync(DraftLines lines, decimal target, string reference, CancellationToken cancellationToken)
    {
        var rounding = target - lines.Total;
        if (rounding != 0 && Math.Abs(rounding) <= RoundingTolerance && lines.Problems.Count == 0)
        {
            lines.AddFlat("rounding", await _specials.GetAsync(SpecialItem.Rounding, cancellationToken).ConfigureAwait(false),
                $"Rounding: the store's total is {Money(target)}", rounding);
        }
        else if (rounding != 0 && lines.Problems.Count == 0)
        {
            lines.AddProblem($"{reference}: its lines, shipping, fees and taxes come to {Money(lines.Total)} but the store's total is {Money(target)}; " +
                "nothing was posted. Check the order in the store.");
        }

        var discountLines = lines.Discount == 0 ? [] : new[] { new Line { DetailType = LineDetailTypes.Discount, Amount = lines.Discount, DiscountLineDetail = new DiscountLineDetail { PercentBased = false } } };
        return new SaleDraft
        {
            Lines = [.. lines.Lines, .. discountLines],
            TaxDetail = lines.TaxDetail(),
            Total = target,
            Tax = lines.UsTax != 0 ? lines.UsTax : lines.RateTax,
            Shipping = lines.Shipping,
            Discount = lines.Discount,
            Rounding = rounding != 0 && lines.Problems.Count == 0 && Math.Abs(rounding) <= RoundingTolerance ? rounding : 0,
            Problems = lines.Problems,
        };
    }

    private static string Describe(StoreOrderLine line) =>
        string.IsNullOrWhiteSpace(line.VariantTitle) ? line.Title : $"{line.Title} - {line.VariantTitle}";

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
