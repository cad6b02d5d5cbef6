using System.Globalization;
using StoreBooks.Core.Model;

namespace StoreBooks.Shopify.Orders;

/// <summary>
/// Turns an order's transactions into the money that moved: successful <c>sale</c> and <c>capture</c> transactions are money
/// received, successful <c>refund</c> transactions money refunded. Authorizations move no money; a successful <c>void</c>
/// whose parent is a sale or capture cancels that receipt. Pending, failed and errored transactions are left out.
/// The <c>gift_card</c> gateway is a gift-card tender.
/// </summary>
internal static class ShopifyPayments
{
    public const string GiftCardGateway = "gift_card";

    public static List<StorePayment> From(IEnumerable<ShopifyTransaction> transactions, string? orderCurrency)
    {
        var list = transactions.GroupBy(t => t.Id).Select(g => g.First()).ToList();
        var byId = list.ToDictionary(t => t.Id);
        var voided = list.Where(t => Is(t, "void") && t.ParentId is { } p && byId.TryGetValue(p, out var parent) && (Is(parent, "sale") || Is(parent, "capture")))
            .Select(t => t.ParentId!.Value).ToHashSet();
        var payments = new List<StorePayment>();
        foreach (var t in list.OrderBy(t => t.ProcessedAt ?? t.CreatedAt ?? DateTimeOffset.MinValue).ThenBy(t => t.Id))
        {
            StorePaymentKind kind;
            if ((Is(t, "sale") || Is(t, "capture")) && !voided.Contains(t.Id))
            {
                kind = StorePaymentKind.Received;
            }
            else if (Is(t, "refund"))
            {
                kind = StorePaymentKind.Refunded;
            }
            else
            {
                continue;
            }

            var gateway = Gateway(t, byId);
            payments.Add(new StorePayment
            {
                SourceId = t.Id.ToString(CultureInfo.InvariantCulture),
                Gateway = gateway,
                Kind = kind,
                Amount = ShopAmount(t, orderCurrency),
                ProcessedAt = t.ProcessedAt ?? t.CreatedAt,
                IsGiftCard = string.Equals(gateway, GiftCardGateway, StringComparison.OrdinalIgnoreCase),
            });
        }

        return payments;
    }

    /// <summary>A successful transaction of this kind.</summary>
    private static bool Is(ShopifyTransaction t, string kind) =>
        string.Equals(t.Kind, kind, StringComparison.OrdinalIgnoreCase) && string.Equals(t.Status, "success", StringComparison.OrdinalIgnoreCase);

    /// <summary>The transaction's gateway, else the nearest parent's (a capture inherits its authorization's), else "unknown".</summary>
    private static string Gateway(ShopifyTransaction t, Dictionary<long, ShopifyTransaction> byId)
    {
        var seen = new HashSet<long>();
        for (var current = t; current is not null && seen.Add(current.Id);)
        {
            if (!string.IsNullOrWhiteSpace(current.Gateway))
            {
                return current.Gateway.Trim();
            }

            current = current.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent : null;
        }

        return "unknown";
    }

    /// <summary>The amount in the order's (shop) currency: <c>amount</c>, or <c>amount_set.shop_money</c> when the transaction is in another.</summary>
    private static decimal ShopAmount(ShopifyTransaction t, string? orderCurrency) =>
        t.Currency is { } currency && orderCurrency is not null && !string.Equals(currency, orderCurrency, StringComparison.OrdinalIgnoreCase)
            && t.AmountSet?.ShopMoney?.Amount is { } shop
            ? shop
            : t.Amount;
}
