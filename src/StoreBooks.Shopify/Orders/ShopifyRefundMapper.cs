using System.Globalization;
using StoreBooks.Core.Model;

namespace StoreBooks.Shopify.Orders;

/// <summary>
/// One Shopify refund in the model: refunded lines with their amount before tax, their tax (named as the line's taxes) and
/// whether the goods went back to stock; shipping refunded (the <c>shipping_refund</c> order adjustment, or
/// <c>refund_shipping_lines</c>); other order adjustments; and the refund transactions that gave the money back.
/// </summary>
internal static class ShopifyRefundMapper
{
    private static readonly HashSet<string> RestockTypes = new(StringComparer.OrdinalIgnoreCase) { "return", "cancel", "legacy_restock" };

    public static StoreRefund Map(ShopifyRefund refund, ShopifyOrder order, IReadOnlyList<StoreOrderLine> lines, IReadOnlyList<StoreCharge> shipping)
    {
        var linesById = lines.ToDictionary(l => l.SourceId, StringComparer.Ordinal);
        var refundLines = new List<StoreRefundLine>();
        foreach (var item in refund.RefundLineItems)
        {
            var lineId = ShopifyOrderMapper.Id(item.LineItemId);
            var tax = item.TotalTaxSet?.ShopMoney?.Amount ?? item.TotalTax ?? 0m;
            refundLines.Add(new StoreRefundLine
            {
                OrderLineSourceId = lineId,
                Quantity = item.Quantity,
                Amount = item.SubtotalSet?.ShopMoney?.Amount ?? item.Subtotal ?? 0m,
                Taxes = TaxSplit.Like(tax, linesById.TryGetValue(lineId, out var line) ? line.Taxes : []),
                Restock = item.RestockType is { } type ? RestockTypes.Contains(type) : refund.Restock ?? false,
            });
        }

        decimal shippingAmount = 0, shippingTax = 0, adjustment = 0;
        var shippingAdjusted = false;
        foreach (var a in refund.OrderAdjustments)
        {
            var amount = a.AmountSet?.ShopMoney?.Amount ?? a.Amount ?? 0m;
            var tax = a.TaxAmountSet?.ShopMoney?.Amount ?? a.TaxAmount ?? 0m;
            if (string.Equals(a.Kind, "shipping_refund", StringComparison.OrdinalIgnoreCase))
            {
                shippingAdjusted = true;
                shippingAmount -= amount;
                shippingTax -= tax;
            }
            else
            {
                adjustment -= amount + tax;
            }
        }

        if (!shippingAdjusted)
        {
            foreach (var s in refund.RefundShippingLines)
            {
                shippingAmount += s.SubtotalAmountSet?.ShopMoney?.Amount ?? 0m;
                shippingTax += s.TaxAmountSet?.ShopMoney?.Amount ?? 0m;
            }
        }

        var payments = ShopifyPayments.From(refund.Transactions, order.Currency).Where(p => p.Kind == StorePaymentKind.Refunded).ToList();
        var total = payments.Sum(p => p.Amount);
        var discrepancyRecorded = refund.OrderAdjustments.Any(a => string.Equals(a.Kind, "refund_discrepancy", StringComparison.OrdinalIgnoreCase));
        var discrepancy = discrepancyRecorded;
        // Only when the money is final and in the shop's currency: a refund transaction still pending, or one without shop money,
        // says nothing yet about the difference, and the refund is then reported if it does not add up.
        var moneySettled = refund.Transactions
            .Where(t => string.Equals(t.Kind, "refund", StringComparison.OrdinalIgnoreCase))
            .All(t => string.Equals(t.Status, "success", StringComparison.OrdinalIgnoreCase)
                && (t.AmountSet?.ShopMoney is not null || t.Currency is null || string.Equals(t.Currency, order.Currency, StringComparison.OrdinalIgnoreCase)));
        if (payments.Count > 0 && moneySettled && !discrepancyRecorded)
        {
            // Shopify records money refunded that differs from the refunded lines, shipping and taxes as a refund_discrepancy
            // adjustment; a refund that lacks one (older refunds, some API examples) gets the same difference here, so the refund
            // posts for the money that went back, with the difference on its own named line rather than reported as unbalanced.
            // With tax-inclusive prices the refunded amounts already hold their tax.
            var taxes = order.TaxesIncluded ? 0m : refundLines.Sum(l => l.Taxes.Sum(t => t.Amount)) + shippingTax;
            var itemized = refundLines.Sum(l => l.Amount) + shippingAmount + taxes + adjustment;
            if (total != itemized)
            {
                adjustment += total - itemized;
                discrepancy = true;
            }
        }

        return new StoreRefund
        {
            SourceId = refund.Id.ToString(CultureInfo.InvariantCulture),
            CreatedAt = refund.ProcessedAt ?? refund.CreatedAt ?? order.UpdatedAt ?? order.CreatedAt,
            Lines = refundLines,
            Shipping = shippingAmount,
            ShippingTaxes = TaxSplit.Like(shippingTax, [.. shipping.SelectMany(s => s.Taxes)]),
            Adjustment = adjustment,
            Payments = payments,
            AdjustmentReason = discrepancy ? "Refund discrepancy: the money refunded differs from the items refunded" : null,
            Note = string.IsNullOrWhiteSpace(refund.Note) ? null : refund.Note.Trim(),
            Total = total,
        };
    }
}
