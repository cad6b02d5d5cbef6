using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Entities.Lists;
using StoreBooks.Emulators.Qbo.Api.Entities.Transactions;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Writes.Effects;

/// <summary>
/// QtyOnHand of tracked Inventory items follows the sales forms: down with each sale (SalesReceipt, Invoice), up with
/// each return (RefundReceipt, CreditMemo), restored when the form is voided, changed or deleted. Stock may go below
/// zero (QBO allows overselling through the API). A line's quantity is its Qty; a line without Qty counts as 1 unless
/// its amount is 0 (a voided line).
/// </summary>
internal static class Stock
{
    public static void Apply(CommitContext ctx, int direction, JsonObject? before, JsonObject? after)
    {
        if (direction == 0)
        {
            return;
        }

        var delta = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (item, qty) in Quantities(before))
        {
            delta[item] = delta.GetValueOrDefault(item) - qty;
        }

        foreach (var (item, qty) in Quantities(after))
        {
            delta[item] = delta.GetValueOrDefault(item) + qty;
        }

        foreach (var (itemId, change) in delta)
        {
            if (change == 0 || ctx.Store.Get("Item", itemId) is not { } record)
            {
                continue;
            }

            var item = record.Json;
            if (item.Str("Type") != ItemRules.Inventory || item.Bool("TrackQtyOnHand") != true)
            {
                continue;
            }

            item["QtyOnHand"] = Money.Node((item.Dec("QtyOnHand") ?? 0) + (direction * change));
            ctx.Touch(record);
        }
    }

    public static IEnumerable<(string ItemId, decimal Qty)> Quantities(JsonObject? txn)
    {
        foreach (var line in txn?.Arr("Line").Objects() ?? [])
        {
            var lines = line.Obj("GroupLineDetail")?.Arr("Line").Objects() ?? [line];
            foreach (var l in lines)
            {
                var detail = l.Obj("SalesItemLineDetail");
                var itemId = detail?.RefValue("ItemRef");
                if (detail is null || itemId is null || itemId == SalesLines.ShippingItemId)
                {
                    continue;
                }

                var qty = detail.Dec("Qty") ?? ((l.Dec("Amount") ?? 0) != 0 ? 1 : 0);
                yield return (itemId, qty);
            }
        }
    }
}
