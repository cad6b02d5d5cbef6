using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Testing;
using static StoreBooks.Testing.FixtureOrderBooks;

namespace StoreBooks.WooCommerce.Tests.Support;

/// <summary>What the books must hold for a WooCommerce order, read from the order's own JSON and its refunds'.</summary>
public static class WooExpectedBooks
{
    /// <summary>
    /// The order's <c>total</c>, <c>total_tax</c>, <c>shipping_total</c> and <c>discount_total</c>; each refund's <c>amount</c>
    /// and what its lines, shipping, fees and taxes come to (null for a refund of an amount without lines).
    /// </summary>
    public static FixtureOrderBooks Of(JsonObject order, IReadOnlyList<JsonObject> refunds) => new(
        order["id"]!.ToJsonString(),
        (string)order["currency"]!,
        Money(order["total"]),
        Money(order["total_tax"]),
        Money(order["shipping_total"]),
        Money(order["discount_total"]),
        [.. refunds.Select(r => new FixtureRefund(r["id"]!.ToJsonString(), Money(r["amount"]), Itemized(r)))]);

    /// <summary>The statuses of an order whose money WooCommerce has received (what a new connection syncs).</summary>
    public static bool IsPaid(JsonObject order) => (string?)order["status"] is "processing" or "completed" or "refunded";

    /// <summary>
    /// Whether the order's own figures add up: the lines before discounts, less the discount, plus shipping, fees and tax, make
    /// its total (to the cents a store may round by).
    /// </summary>
    public static (bool AddsUp, decimal Parts) Reconcile(JsonObject order)
    {
        var lines = (order["line_items"] as JsonArray ?? []).Sum(l => Money(l?["subtotal"]));
        var fees = (order["fee_lines"] as JsonArray ?? []).Sum(f => Money(f?["total"]));
        var parts = lines - Money(order["discount_total"]) + Money(order["shipping_total"]) + fees + Money(order["total_tax"]);
        return (Math.Abs(parts - Money(order["total"])) <= FixtureRefund.RoundingTolerance, parts);
    }

    /// <summary>
    /// The refunds of an order: those of the refund files whose <c>_links.up</c> is the order; for a refund the order lists
    /// (<c>refunds[]</c>: id, reason, total) that no refund file holds, the refund as WooCommerce returns one refunded by amount
    /// alone — the id, reason and amount the order gives, no lines — dated when the order last changed.
    /// </summary>
    public static IReadOnlyList<JsonObject> RefundsOf(JsonObject order, IEnumerable<JsonObject> refundObjects)
    {
        var id = order["id"]!.ToJsonString();
        var known = refundObjects
            .Where(r => ((string?)r["_links"]?["up"]?[0]?["href"])?.EndsWith($"/orders/{id}", StringComparison.Ordinal) == true)
            .DistinctBy(r => r["id"]!.ToJsonString())
            .ToList();
        var missing = (order["refunds"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(s => known.All(r => r["id"]!.ToJsonString() != s["id"]!.ToJsonString()))
            .Select(s => new JsonObject
            {
                ["id"] = s["id"]!.DeepClone(),
                ["date_created"] = order["date_modified"]?.DeepClone(),
                ["date_created_gmt"] = order["date_modified_gmt"]?.DeepClone(),
                ["amount"] = (-Money(s["total"])).ToString("0.00", CultureInfo.InvariantCulture),
                ["reason"] = s["reason"]?.DeepClone() ?? "",
                ["refunded_by"] = 1,
                ["refunded_payment"] = false,
                ["meta_data"] = new JsonArray(),
                ["line_items"] = new JsonArray(),
                ["_links"] = new JsonObject { ["up"] = new JsonArray(new JsonObject { ["href"] = $"https://example.com/wp-json/wc/v3/orders/{id}" }) },
            });
        return [.. known, .. missing];
    }

    /// <summary>What a refund's lines, shipping and fees (with their tax) come to, as a positive amount; null without any.</summary>
    private static decimal? Itemized(JsonObject refund)
    {
        var parts = new[] { "line_items", "shipping_lines", "fee_lines" }
            .SelectMany(key => (refund[key] as JsonArray ?? []).OfType<JsonObject>())
            .ToList();
        return parts.Count == 0 ? null : -parts.Sum(p => Money(p["total"]) + Money(p["total_tax"]));
    }
}
