using System.Globalization;
using System.Text.Json.Nodes;

namespace StoreBooks.Corpus.Tests;

/// <summary>
/// What one QuickBooks sales or refund document says, line by line, sorted by what each line's item is: goods, shipping (the
/// shipping item or QuickBooks' shipping line), discount lines, tips, duties, fees, gift cards sold (positive) and redeemed
/// (negative), the US "Sales tax collected" line, and QuickBooks' own tax.
/// </summary>
public sealed record QboSale(
    string Type, string? DocNumber, decimal Total, decimal QboTax, decimal CollectedTax, decimal Shipping, decimal Discount,
    decimal Tip, decimal Duties, decimal Fees, decimal GiftCardSold, decimal GiftCardRedeemed, decimal Rounding, decimal Goods,
    decimal? Balance, string? CustomerId, IReadOnlyList<string> GiftCardItemIds, IReadOnlyList<string> GoodsItemIds)
{
    public decimal Tax => QboTax + CollectedTax;

    public static QboSale Of(string type, JsonObject document, IReadOnlyDictionary<string, string> itemNames)
    {
        decimal shipping = 0, discount = 0, tip = 0, duties = 0, fees = 0, sold = 0, redeemed = 0, collected = 0, rounding = 0, goods = 0;
        var giftCardItems = new List<string>();
        var goodsItems = new List<string>();
        foreach (var line in (document["Line"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var amount = Money(line["Amount"]);
            switch ((string?)line["DetailType"])
            {
                case "DiscountLineDetail":
                    discount += amount;
                    continue;
                case "SalesItemLineDetail":
                    break;
                default:
                    continue;
            }

            var itemId = (string?)line["SalesItemLineDetail"]?["ItemRef"]?["value"] ?? "";
            var name = itemId == "SHIPPING_ITEM_ID" ? "shipping" : itemNames.GetValueOrDefault(itemId, "").ToLowerInvariant();
            if (name == "shipping")
            {
                shipping += amount;
            }
            else if (name == "sales tax collected")
            {
                collected += amount;
            }
            else if (name is "tips" or "tip")
            {
                tip += amount;
            }
            else if (name.Contains("dut", StringComparison.Ordinal))
            {
                duties += amount;
            }
            else if (name is "fees" or "fee")
            {
                fees += amount;
            }
            else if (name.Contains("gift card", StringComparison.Ordinal) || name.Contains("gift-card", StringComparison.Ordinal))
            {
                giftCardItems.Add(itemId);
                if (amount >= 0)
                {
                    sold += amount;
                }
                else
                {
                    redeemed += -amount;
                }
            }
            else if (name == "rounding")
            {
                rounding += amount;
            }
            else
            {
                goods += amount;
                goodsItems.Add(itemId);
            }
        }

        return new QboSale(
            type, (string?)document["DocNumber"], Money(document["TotalAmt"]), Money(document["TxnTaxDetail"]?["TotalTax"]), collected,
            shipping, discount, tip, duties, fees, sold, redeemed, rounding, goods,
            document["Balance"] is { } balance ? Money(balance) : null, (string?)document["CustomerRef"]?["value"], giftCardItems, goodsItems);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Type} {DocNumber}: total {Total}, tax {Tax} (QuickBooks {QboTax} + collected {CollectedTax}), goods {Goods}, shipping {Shipping}, discount {Discount}, tip {Tip}, duties {Duties}, fees {Fees}, gift cards sold {GiftCardSold} redeemed {GiftCardRedeemed}, rounding {Rounding}, balance {Balance}");

    public static decimal Money(JsonNode? node)
    {
        var text = node?.ToJsonString().Trim('"') ?? "";
        return text.Length == 0 || text == "null" ? 0m : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
