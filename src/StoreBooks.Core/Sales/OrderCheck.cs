using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;

namespace StoreBooks.Core.Sales;

/// <summary>
/// Checks an order's own data before anything is sent to QuickBooks: each problem is one message a merchant can act on
/// ("order #1043, line 2 (SKU TEE-1, Organic Tee): quantity -1 must be more than 0"). An order with a problem is not posted; the others are.
/// </summary>
public static class OrderCheck
{
    /// <summary>
    /// The most an order's own figures may disagree by and still post: a store rounding its tax or total once for the order
    /// (WooCommerce "round tax at subtotal level") differs by a cent or two from the sum of its lines. Such a remainder is
    /// put on the document visibly (QuickBooks' tax held to the store's tax, the "Rounding" line); anything larger is reported.
    /// </summary>
    public const decimal RoundingTolerance = 0.05m;

    /// <summary>What an order is called in messages.</summary>
    public static string Reference(StoreOrder order) => ReferenceMessage(order).Text;

    /// <summary>What an order is called in messages: "order #1043".</summary>
    public static SyncMessage ReferenceMessage(StoreOrder order) => OrderMessages.Reference.With(("number", order.Number.TrimStart('#')));

    public static IReadOnlyList<string> Problems(StoreOrder order, ProductSettings products) => [.. ProblemMessages(order, products).Select(p => p.Text)];

    public static IReadOnlyList<SyncMessage> ProblemMessages(StoreOrder order, ProductSettings products)
    {
        var problems = new List<SyncMessage>();
        var reference = ReferenceMessage(order);
        if (order.Lines.Count == 0)
        {
            problems.Add(OrderMessages.NoLines.With(("order", reference)));
        }

        foreach (var line in order.Lines)
        {
            CheckLine(order, line, products, problems);
        }

        // A line that is wrong spoils the order's totals too: the merchant fixes the line first, so the totals are checked
        // (and reported) only once every line is right.
        if (problems.Count == 0)
        {
            CheckTotals(order, problems);
        }

        return problems;
    }

    /// <summary>
    /// How a line is named in messages: "order #1043, line 2 (SKU ABC-1, Organic Tee - Large, orders.csv line 13)": the order, the
    /// line's position, its SKU when it has one, its title, and where the source read it when that says more.
    /// </summary>
    public static string LineReference(StoreOrder order, StoreOrderLine line) => LineReferenceMessage(order, line).Text;

    public static SyncMessage LineReferenceMessage(StoreOrder order, StoreOrderLine line)
    {
        var title = string.IsNullOrWhiteSpace(line.VariantTitle) ? line.Title : $"{line.Title} - {line.VariantTitle}";
        var parts = new List<MessageArg>(3);
        if (!string.IsNullOrWhiteSpace(line.Sku))
        {
            parts.Add(OrderMessages.LineSku.With(("sku", line.Sku.Trim())));
        }

        parts.Add(title);
        if (!string.IsNullOrWhiteSpace(line.Origin))
        {
            parts.Add(line.Origin);
        }

        return OrderMessages.LineReference.With(("order", ReferenceMessage(order)), ("position", line.Position), ("parts", MessageArg.List(parts, ", ")));
    }

    private static void CheckLine(StoreOrder order, StoreOrderLine line, ProductSettings products, List<SyncMessage> problems)
    {
        var at = LineReferenceMessage(order, line);
        if (line.Quantity <= 0)
        {
            problems.Add(OrderMessages.QuantityNotPositive.With(("at", at), ("quantity", Show(line.Quantity))));
        }

        if (line.UnitPrice < 0)
        {
            problems.Add(OrderMessages.NegativePrice.With(("at", at), ("price", Show(line.UnitPrice))));
        }

        if (!Cents.IsWhole(line.UnitPrice) && !Cents.IsWhole(line.GrossAmount))
        {
            problems.Add(OrderMessages.PriceNotCents.With(("at", at), ("price", Show(line.UnitPrice)), ("quantity", Show(line.Quantity)), ("amount", Show(line.GrossAmount))));
        }

        if (line.Discount < 0 || (line.GrossAmount >= 0 && line.Discount > line.GrossAmount))
        {
            problems.Add(OrderMessages.DiscountOutside.With(("at", at), ("discount", Show(line.Discount)), ("amount", Show(line.GrossAmount))));
        }

        foreach (var tax in line.Taxes.Where(t => !Cents.IsWhole(t.Amount)))
        {
            problems.Add(OrderMessages.TaxNotCents.With(("at", at), ("tax", tax.Name), ("amount", Show(tax.Amount))));
        }

        var noSku = string.IsNullOrWhiteSpace(line.Sku);
        if (noSku && products.MatchKey == ItemMatchKey.Sku && products.WithoutSku == MissingSkuRule.Report && !line.IsGiftCard)
        {
            problems.Add(OrderMessages.NoSku.With(("at", at)));
        }
    }

    private static void CheckTotals(StoreOrder order, List<SyncMessage> problems)
    {
        // Prices that include tax already carry it: the total is then lines − discounts + shipping + fees + tips.
        var t = order.Totals;
        var reference = ReferenceMessage(order);
        var expected = t.LinesGross - t.Discounts + t.Shipping + t.Fees + t.Duties + (order.TaxesIncluded ? 0 : t.Tax) + t.Tip;
        if (Math.Abs(expected - t.Total) > RoundingTolerance)
        {
            var tax = (order.TaxesIncluded ? OrderMessages.TotalTaxIncluded : OrderMessages.TotalTaxAdded).With(("tips", Show(t.Tip)), ("tax", Show(t.Tax)));
            MessageArg duties = t.Duties != 0 ? OrderMessages.TotalDuties.With(("duties", Show(t.Duties))) : "";
            problems.Add(OrderMessages.TotalMismatch.With(("order", reference), ("total", Show(t.Total)), ("lines", Show(t.LinesGross)), ("discounts", Show(t.Discounts)),
                ("shipping", Show(t.Shipping)), ("fees", Show(t.Fees)), ("duties", duties), ("tax", tax), ("expected", Show(expected))));
            return;
        }

        var lines = order.Lines.Sum(l => l.GrossAmount);
        if (Math.Abs(lines - t.LinesGross) > RoundingTolerance)
        {
            problems.Add(OrderMessages.LinesMismatch.With(("order", reference), ("sum", Show(lines)), ("reported", Show(t.LinesGross))));
        }

        var taxes = order.Lines.SelectMany(l => l.Taxes).Concat(order.Shipping.SelectMany(s => s.Taxes)).Concat(order.Fees.SelectMany(f => f.Taxes))
            .Concat(order.Duties.SelectMany(d => d.Taxes)).Sum(x => x.Amount);
        if (Math.Abs(taxes - t.Tax) > RoundingTolerance)
        {
            problems.Add(OrderMessages.TaxesMismatch.With(("order", reference), ("sum", Show(taxes)), ("reported", Show(t.Tax))));
        }

        var discounts = order.Lines.Sum(l => l.Discount) + order.Shipping.Sum(s => s.Discount) + order.Fees.Sum(f => f.Discount) + order.Duties.Sum(d => d.Discount);
        if (Math.Abs(discounts - t.Discounts) > RoundingTolerance)
        {
            problems.Add(OrderMessages.DiscountsMismatch.With(("order", reference), ("sum", Show(discounts)), ("reported", Show(t.Discounts))));
        }

        CheckCharges(reference, OrderMessages.FeesMismatch, order.Fees.Sum(f => f.Amount), t.Fees, problems);
        CheckCharges(reference, OrderMessages.DutiesMismatch, order.Duties.Sum(d => d.Amount), t.Duties, problems);
        foreach (var shipping in order.Shipping.Where(s => s.Discount < 0 || s.Discount > Math.Max(0, s.Amount)))
        {
            problems.Add(OrderMessages.ShippingDiscountOutside.With(("order", reference), ("discount", Show(shipping.Discount)), ("title", shipping.Title), ("price", Show(shipping.Amount))));
        }
    }

    /// <summary>Fees and duties, one by one, must add up to the store's figure for them (a fee or duty lost would shift the total unseen).</summary>
    private static void CheckCharges(SyncMessage reference, MessageTemplate mismatch, decimal itemized, decimal reported, List<SyncMessage> problems)
    {
        if (Math.Abs(itemized - reported) > RoundingTolerance)
        {
            problems.Add(mismatch.With(("order", reference), ("sum", Show(itemized)), ("reported", Show(reported))));
        }
    }

    /// <summary>An amount as messages write it: "12.30", "0.125".</summary>
    public static MessageArg Show(decimal value) => MessageArg.Number(value, "0.00###");
}
