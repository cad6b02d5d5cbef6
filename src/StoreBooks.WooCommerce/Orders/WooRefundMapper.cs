using System.Globalization;
using StoreBooks.Core.Model;

namespace StoreBooks.WooCommerce.Orders;

/// <summary>
/// A WooCommerce refund (a child object with a positive amount and negative line figures) in the model: refunded lines
/// (quantity and amount made positive, matched to the order line by <c>_refunded_item_id</c>), shipping refunded with its
/// taxes, and whatever of the amount is not itemized as an adjustment, so the parts always add up to the amount.
/// </summary>
internal static class WooRefundMapper
{
    public static StoreRefund Map(WooRefund refund, WooOrder order, WooTaxes taxes, string gateway)
    {
        var id = refund.Id.ToString(CultureInfo.InvariantCulture);
        var refundLines = refund.LineItems.Select(line => new StoreRefundLine
        {
            OrderLineSourceId = OrderLine(line, order) ?? WooOrderMapper.Id(line.Id),
            Quantity = -line.Quantity,
            Amount = -line.Total,
            Taxes = taxes.Of(line.Taxes, line.TotalTax, sign: -1),
        }).ToList();
        var shipping = -refund.ShippingLines.Sum(s => s.Total);
        var shippingTaxes = refund.ShippingLines.SelectMany(s => taxes.Of(s.Taxes, s.TotalTax, sign: -1))
            .GroupBy(t => (t.Name, t.Rate)).Select(g => new StoreTax(g.Key.Name, g.Key.Rate, g.Sum(t => t.Amount))).ToList();
        var itemized = refundLines.Sum(l => l.Amount + l.Taxes.Sum(t => t.Amount)) + shipping + shippingTaxes.Sum(t => t.Amount);
        var createdAt = refund.DateCreatedGmt ?? order.DateModifiedGmt ?? order.DateCreatedGmt ?? DateTimeOffset.UnixEpoch;
        var payment = new StorePayment
        {
            SourceId = $"{id}:refund",
            Gateway = refund.RefundedPayment == true ? gateway : "manual",
            Kind = StorePaymentKind.Refunded,
            Amount = refund.Amount,
            ProcessedAt = createdAt,
        };
        return new StoreRefund
        {
            SourceId = id,
            CreatedAt = createdAt,
            Lines = refundLines,
            Shipping = shipping,
            ShippingTaxes = shippingTaxes,
            Adjustment = refund.Amount - itemized,
            Payments = [payment],
            Note = WooTaxes.FirstText(refund.Reason),
            Total = refund.Amount,
        };
    }

    /// <summary>The refunded order line: <c>_refunded_item_id</c>, else the one order line of the same product and variation.</summary>
    private static string? OrderLine(WooLineItem line, WooOrder order)
    {
        if (WooRefund.RefundedItemId(line) is { } itemId)
        {
            return WooOrderMapper.Id(itemId);
        }

        var same = order.LineItems.Where(l => l.ProductId == line.ProductId && l.VariationId == line.VariationId).ToList();
        return same.Count == 1 ? WooOrderMapper.Id(same[0].Id) : null;
    }
}
