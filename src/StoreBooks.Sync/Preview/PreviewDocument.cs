using System.Globalization;
using System.Text.Json.Nodes;

namespace StoreBooks.Sync.Preview;

/// <summary>A line of a document a sync would post: what it sells (the item's name, or the line's description), how many, how much.</summary>
public sealed record PreviewLine(string What, decimal? Quantity, decimal Amount);

/// <summary>
/// A document the next sync would post (or change): its kind (SalesReceipt, Invoice, RefundReceipt, Payment, CreditMemo), number,
/// date, customer, lines, tax and total, as StoreBooks would send them.
/// </summary>
public sealed record PreviewDocument(
    string Kind, string Operation, string? Number, string? Date, string? Customer, IReadOnlyList<PreviewLine> Lines, decimal? Tax, decimal Total)
{
    /// <summary>Entities that are documents (the rest a sync writes are records it needs: customers, items, accounts, payment methods).</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "SalesReceipt", "Invoice", "RefundReceipt", "Payment", "CreditMemo", "Deposit" };

    /// <summary>The document in a kept write; <paramref name="customers"/> names the customers the same preview would create.</summary>
    public static PreviewDocument From(PreviewWrite write, IReadOnlyDictionary<string, string> customers)
    {
        var body = write.Body;
        var customerId = (string?)body["CustomerRef"]?["value"];
        var customer = (string?)body["CustomerRef"]?["name"]
            ?? (customerId is not null && customers.TryGetValue(customerId, out var name) ? name : customerId);
        var lines = new List<PreviewLine>();
        foreach (var line in (body["Line"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var type = (string?)line["DetailType"];
            if (type == "SubTotalLineDetail")
            {
                continue;
            }

            var detail = type is null ? null : line[type] as JsonObject;
            var what = (string?)detail?["ItemRef"]?["name"] ?? (string?)line["Description"] ?? (type == "DiscountLineDetail" ? "Discount" : type ?? "line");
            var amount = Amount(line["Amount"]) * (type == "DiscountLineDetail" ? -1 : 1);
            lines.Add(new PreviewLine(what, Amount(detail?["Qty"]) is var q && detail?["Qty"] is not null ? q : null, amount));
        }

        var tax = body["TxnTaxDetail"]?["TotalTax"] is { } t ? Amount(t) : (decimal?)null;
        var total = body["TotalAmt"] is { } sent ? Amount(sent) : Amount(TotalOf(body));
        return new PreviewDocument(write.Entity, write.Operation, (string?)body["DocNumber"], (string?)body["TxnDate"], customer, lines, tax, total);
    }

    /// <summary>
    /// A document's total as QuickBooks computes it from what is sent: its lines (discounts taken off) plus the tax, unless its
    /// amounts include tax.
    /// </summary>
    internal static decimal TotalOf(JsonObject document)
    {
        var total = 0m;
        foreach (var line in (document["Line"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var type = (string?)line["DetailType"];
            if (type is "SubTotalLineDetail")
            {
                continue;
            }

            total += Amount(line["Amount"]) * (type == "DiscountLineDetail" ? -1 : 1);
        }

        var inclusive = (string?)document["GlobalTaxCalculation"] == "TaxInclusive";
        return total + (inclusive ? 0m : Amount(document["TxnTaxDetail"]?["TotalTax"]));
    }

    private static decimal Amount(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<decimal>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 0m,
    };
}
