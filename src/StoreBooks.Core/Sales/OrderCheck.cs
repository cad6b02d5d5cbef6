using System.Globalization;
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
    public static string Reference(StoreOrder order) => $"order #{order.Number.TrimStart('#')}";

    public static IReadOnlyList<string> Problems(StoreOrder order, ProductSettings products)
    {
        var problems = new List<string>();
        var reference = Reference(order);
        if (order.Lines.Count == 0)
        {
            problems.Add($"{reference} has no product lines; there is nothing to post.");
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
    public static string LineReference(StoreOrder order, StoreOrderLine line)
    {
        var title = string.IsNullOrWhiteSpace(line.VariantTitle) ? line.Title : $"{line.Title} - {line.VariantTitle}";
        var parts = new List<string>(3);
        if (!string.IsNullOrWhiteSpace(line.Sku))
        {
            parts.Add($"SKU {line.Sku.Trim()}");
        }

        parts.Add(title);
        if (!string.IsNullOrWhiteSpace(line.Origin))
        {
            parts.Add(line.Origin);
        }

        return $"{Reference(order)}, line {line.Position} ({string.Join(", ", parts)})";
    }

    private static void CheckLine(StoreOrder order, StoreOrderLine line, ProductSettings products, List<string> problems)
    {
        var at = LineReference(order, line);
        if (line.Quantity <= 0)
        {
            problems.Add($"{at}: quantity {Show(line.Quantity)} must be more than 0. Correct the order in the store; returns are synced as refunds.");
        }

        if (line.UnitPrice < 0)
        {
            problems.Add($"{at}: unit price {Show(line.UnitPrice)} is negative. Use a discount for a price reduction.");
        }

        if (!Cents.IsWhole(line.UnitPrice) && !Cents.IsWhole(line.GrossAmount))
        {
            problems.Add($"{at}: unit price {Show(line.UnitPrice)} has more than 2 decimals, so {Show(line.Quantity)} × {Show(line.UnitPrice)} = " +
                $"{Show(line.GrossAmount)} is not an amount in cents. Round the price in the store.");
        }

        if (line.Discount < 0 || (line.GrossAmount >= 0 && line.Discount > line.GrossAmount))
        {
            problems.Add($"{at}: discount {Show(line.Discount)} is outside 0 to the line's amount {Show(line.GrossAmount)}.");
        }

        foreach (var tax in line.Taxes.Where(t => !Cents.IsWhole(t.Amount)))
        {
            problems.Add($"{at}: tax {tax.Name} of {Show(tax.Amount)} is not an amount in cents.");
        }

        var noSku = string.IsNullOrWhiteSpace(line.Sku);
        if (noSku && products.MatchKey == ItemMatchKey.Sku && products.WithoutSku == MissingSkuRule.Report && !line.IsGiftCard)
        {
            problems.Add($"{at}: the product has no SKU, and products are matched on SKU. Give it a SKU in the store, " +
                "or let products without a SKU match on their name (products.withoutSku = MatchByName).");
        }
    }

    private static void CheckTotals(StoreOrder order, List<string> problems)
    {
        // Prices that include tax already carry it: the total is then lines − discounts + shipping + fees + tips.
        var t = order.Totals;
        var expected = t.LinesGross - t.Discounts + t.Shipping + t.Fees + t.Duties + (order.TaxesIncluded ? 0 : t.Tax) + t.Tip;
        if (Math.Abs(expected - t.Total) > RoundingTolerance)
        {
            var tax = order.TaxesIncluded ? $"tips {Show(t.Tip)} (tax {Show(t.Tax)} included)" : $"tax {Show(t.Tax)} + tips {Show(t.Tip)}";
            problems.Add($"{Reference(order)}: its total {Show(t.Total)} does not equal lines {Show(t.LinesGross)} − discounts {Show(t.Discounts)} + shipping " +
                $"{Show(t.Shipping)} + fees {Show(t.Fees)}{(t.Duties != 0 ? $" + duties {Show(t.Duties)}" : "")} + {tax} = {Show(expected)}. Nothing was posted: check the order in the store.");
            return;
        }

        var lines = order.Lines.Sum(l => l.GrossAmount);
        if (Math.Abs(lines - t.LinesGross) > RoundingTolerance)
        {
            problems.Add($"{Reference(order)}: its lines add up to {Show(lines)}, not the {Show(t.LinesGross)} the store reports.");
        }

        var taxes = order.Lines.SelectMany(l => l.Taxes).Concat(order.Shipping.SelectMany(s => s.Taxes)).Concat(order.Fees.SelectMany(f => f.Taxes))
            .Concat(order.Duties.SelectMany(d => d.Taxes)).Sum(x => x.Amount);
        if (Math.Abs(taxes - t.Tax) > RoundingTolerance)
        {
            problems.Add($"{Reference(order)}: its taxes by line add up to {Show(taxes)}, not the {Show(t.Tax)} tax the store reports.");
        }

        var discounts = order.Lines.Sum(l => l.Discount) + order.Shipping.Sum(s => s.Discount) + order.Fees.Sum(f => f.Discount) + order.Duties.Sum(d => d.Discount);
        if (Math.Abs(discounts - t.Discounts) > RoundingTolerance)
        {
            problems.Add($"{Reference(order)}: its discounts by line add up to {Show(discounts)}, not the {Show(t.Discounts)} the store reports.");
        }

        CheckCharges(order, "fees", order.Fees.Sum(f => f.Amount), t.Fees, problems);
        CheckCharges(order, "duties", order.Duties.Sum(d => d.Amount), t.Duties, problems);
        foreach (var shipping in order.Shipping.Where(s => s.Discount < 0 || s.Discount > Math.Max(0, s.Amount)))
        {
            problems.Add($"{Reference(order)}: the shipping discount {Show(shipping.Discount)} on \"{shipping.Title}\" is outside 0 to its price {Show(shipping.Amount)}.");
        }
    }

    /// <summary>Fees and duties, one by one, must add up to the store's figure for them (a fee or duty lost would shift the total unseen).</summary>
    private static void CheckCharges(StoreOrder order, string what, decimal itemized, decimal reported, List<string> problems)
    {
        if (Math.Abs(itemized - reported) > RoundingTolerance)
        {
            problems.Add($"{Reference(order)}: its {what} one by one add up to {Show(itemized)}, not the {Show(reported)} the store reports.");
        }
    }

    private static string Show(decimal value) => value.ToString("0.00###", CultureInfo.InvariantCulture);
}
