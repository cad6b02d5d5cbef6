using System.Globalization;
using StoreBooks.Core.Model;

namespace StoreBooks.WooCommerce.Orders;

/// <summary>
/// The WooCommerce Stripe Gateway plugin's per-order fee: meta <c>_stripe_fee</c>, <c>_stripe_net</c> and <c>_stripe_currency</c>
/// (older orders: <c>Stripe Fee</c>, <c>Net Revenue From Stripe</c>), amounts as decimal strings in the Stripe account's currency.
/// The plugin adds each refund's balance transaction to them, so the net is what the order left in the Stripe balance.
/// </summary>
internal static class WooStripeFee
{
    public static StoreGatewayFee? Of(WooOrder order, string gateway)
    {
        if (!gateway.StartsWith("stripe", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? Meta(params string[] keys) => keys.Select(k => order.MetaData.LastOrDefault(m => m.Key == k)?.Text).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        static decimal? Amount(string? text) =>
            decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
        if (Amount(Meta("_stripe_fee", "Stripe Fee")) is not { } fee)
        {
            return null;
        }

        return new StoreGatewayFee
        {
            Gateway = gateway,
            Fee = fee,
            Net = Amount(Meta("_stripe_net", "Net Revenue From Stripe")) ?? order.Total - fee,
            Currency = (Meta("_stripe_currency") ?? order.Currency ?? "").ToUpperInvariant(),
        };
    }
}
