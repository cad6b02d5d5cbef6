using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;

namespace StoreBooks.Testing;

/// <summary>
/// What one store refund gave back, as the fixture says, and what its own lines, shipping, taxes and adjustments come to
/// (<paramref name="Itemized"/>; null when the store gives a bare amount). A refund whose parts do not come to its amount
/// cannot be booked both ways: it must be reported, not posted, unless the platform defines the difference
/// (<paramref name="DifferenceIsDiscrepancy"/>: Shopify's refund_discrepancy), when it posts for the money refunded.
/// </summary>
public sealed record FixtureRefund(string Id, decimal Amount, decimal? Itemized = null, bool DifferenceIsDiscrepancy = false)
{
    /// <summary>The most a refund's parts may differ from its amount and still post (a cent of rounding on the document).</summary>
    public const decimal RoundingTolerance = 0.05m;

    public bool AddsUp => Itemized is not { } parts || Math.Abs(parts - Amount) <= RoundingTolerance;
}

/// <summary>
/// What the books must hold for one fixture order, computed from the fixture JSON itself: the order's total, tax, shipping and
/// discount, and each refund's amount.
/// </summary>
public sealed record FixtureOrderBooks(string OrderId, string Currency, decimal Total, decimal Tax, decimal Shipping, decimal Discount, IReadOnlyList<FixtureRefund> Refunds)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"order {OrderId} ({Currency}): total {Total}, tax {Tax}, shipping {Shipping}, discount {Discount}, refunds [{string.Join(", ", Refunds.Select(r => $"{r.Id}: {r.Amount}"))}]");

    /// <summary>
    /// Asserts, to the cent, that the company holds exactly one sales document for the order with the order's total, tax, shipping
    /// and discount, and one refund document per refund with the refund's amount (none for a refund that does not add up, unless the
    /// difference is a discrepancy the platform defines). In a US company the tax the store collected is on
    /// its own line and QuickBooks' own (automated) tax is 0, so the tax compared is TxnTaxDetail.TotalTax plus that line.
    /// </summary>
    public async Task AssertPostedAsync(QboBooks books, string sourceKind, CancellationToken cancellationToken)
    {
        var shipping = await books.ItemIdAsync("Shipping", cancellationToken).ConfigureAwait(false);
        var collected = await books.ItemIdAsync("Sales tax collected", cancellationToken).ConfigureAwait(false);
        var documents = await books.SalesDocumentsAsync(sourceKind, OrderId, cancellationToken).ConfigureAwait(false);
        Assert.True(documents.Count == 1, $"{this}: {documents.Count} sales documents in QuickBooks");
        var document = documents[0];
        var figures = QboDocumentFigures.Of(document, shipping, collected);
        var at = $"{this}; QuickBooks has {figures} in {(string?)document["CurrencyRef"]?["value"] ?? "the home currency"}";
        TestContext.Current.TestOutputHelper?.WriteLine(at);
        Assert.True(Total == figures.Total, $"total differs: {at}");
        Assert.True(Tax == figures.Tax, $"tax differs: {at}");
        Assert.True(Shipping == figures.Shipping, $"shipping differs: {at}");
        Assert.True(Discount == figures.Discount, $"discount differs: {at}");
        Assert.True(Currency == ((string?)document["CurrencyRef"]?["value"] ?? Currency), $"currency differs: {at}");

        foreach (var refund in Refunds)
        {
            var refunds = await books.RefundDocumentsAsync(refund.Id, cancellationToken).ConfigureAwait(false);
            if (!refund.AddsUp && !refund.DifferenceIsDiscrepancy)
            {
                Assert.True(refunds.Count == 0, $"{this}: refund {refund.Id}, whose parts come to {refund.Itemized} and not to {refund.Amount}, was posted");
                continue;
            }

            Assert.True(refunds.Count == 1, $"{this}: refund {refund.Id} has {refunds.Count} refund documents in QuickBooks");
            var refunded = QboDocumentFigures.Of(refunds[0], shipping, collected);
            TestContext.Current.TestOutputHelper?.WriteLine($"refund {refund.Id}: store {refund.Amount}, QuickBooks {refunded.Total}");
            Assert.True(refund.Amount == refunded.Total, $"{this}: refund {refund.Id} of {refund.Amount} is {refunded.Total} in QuickBooks");
        }
    }

    /// <summary>A money value of fixture JSON, exactly (strings and numbers alike); 0 when absent or empty.</summary>
    public static decimal Money(JsonNode? node)
    {
        var text = node?.ToJsonString().Trim('"') ?? "";
        return text.Length == 0 || text == "null" ? 0m : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
