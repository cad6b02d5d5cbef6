using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using StoreBooks.Emulators;

namespace StoreBooks.Testing;

/// <summary>
/// What a QuickBooks company of the emulator holds, read through the Accounting API's query endpoint with a raw HttpClient
/// (not StoreBooks' own client, which is what is under test).
/// </summary>
public sealed class QboBooks : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _realmId;

    public QboBooks(EmulatorServer emulator, string realmId)
    {
        _realmId = realmId;
        var tokens = emulator.Qbo.OAuth.IssueTokens(realmId);
        _http = new HttpClient { BaseAddress = emulator.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Every record of <paramref name="entity"/> (a small company: one page of 1000 is enough for a test).</summary>
    public async Task<IReadOnlyList<JsonObject>> AllAsync(string entity, CancellationToken cancellationToken)
    {
        var query = $"select * from {entity} startposition 1 maxresults 1000";
        using var response = await _http.GetAsync(
            new Uri($"v3/company/{_realmId}/query?minorversion=75&query={Uri.EscapeDataString(query)}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{query} got {(int)response.StatusCode}: {text}");
        }

        return (JsonNode.Parse(text)?["QueryResponse"]?[entity] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
    }

    /// <summary>Sales documents (sales receipts and invoices) whose private note names this store record.</summary>
    public async Task<IReadOnlyList<JsonObject>> SalesDocumentsAsync(string sourceKind, string orderId, CancellationToken cancellationToken)
    {
        var marker = $"[StoreBooks {sourceKind} order {orderId}]";
        var receipts = await AllAsync("SalesReceipt", cancellationToken).ConfigureAwait(false);
        var invoices = await AllAsync("Invoice", cancellationToken).ConfigureAwait(false);
        return [.. receipts.Concat(invoices).Where(d => Note(d).StartsWith(marker, StringComparison.Ordinal))];
    }

    /// <summary>Refund documents (refund receipts and credit memos) whose private note names this store refund.</summary>
    public async Task<IReadOnlyList<JsonObject>> RefundDocumentsAsync(string refundId, CancellationToken cancellationToken)
    {
        var marker = $"[StoreBooks refund {refundId}]";
        var receipts = await AllAsync("RefundReceipt", cancellationToken).ConfigureAwait(false);
        var memos = await AllAsync("CreditMemo", cancellationToken).ConfigureAwait(false);
        return [.. receipts.Concat(memos).Where(d => Note(d).StartsWith(marker, StringComparison.Ordinal))];
    }

    /// <summary>The id of the item of this name, or null.</summary>
    public async Task<string?> ItemIdAsync(string name, CancellationToken cancellationToken) =>
        (await AllAsync("Item", cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(i => string.Equals((string?)i["Name"], name, StringComparison.OrdinalIgnoreCase))?["Id"]?.GetValue<string>();

    public void Dispose() => _http.Dispose();

    private static string Note(JsonObject document) => (string?)document["PrivateNote"] ?? "";
}

/// <summary>
/// The figures of a QuickBooks sales or refund document, read from its JSON: TotalAmt, TxnTaxDetail.TotalTax, the tax the
/// store collected on its own line (US companies), the shipping lines (the shipping item or QuickBooks' shipping line) and the
/// discount lines.
/// </summary>
public sealed record QboDocumentFigures(decimal Total, decimal TotalTax, decimal CollectedTax, decimal Shipping, decimal Discount)
{
    /// <summary>The tax the document carries in all: QuickBooks' own tax plus the collected-tax line.</summary>
    public decimal Tax => TotalTax + CollectedTax;

    public static QboDocumentFigures Of(JsonObject document, string? shippingItemId, string? collectedTaxItemId)
    {
        var lines = (document["Line"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        decimal Sum(Func<JsonObject, bool> which) => lines.Where(which).Sum(l => Money(l["Amount"]));
        bool ItemIs(JsonObject line, string? id) =>
            id is not null && (string?)line["DetailType"] == "SalesItemLineDetail" && (string?)line["SalesItemLineDetail"]?["ItemRef"]?["value"] == id;
        return new QboDocumentFigures(
            Money(document["TotalAmt"]),
            Money(document["TxnTaxDetail"]?["TotalTax"]),
            Sum(l => ItemIs(l, collectedTaxItemId)),
            Sum(l => ItemIs(l, shippingItemId) || ItemIs(l, "SHIPPING_ITEM_ID")),
            Sum(l => (string?)l["DetailType"] == "DiscountLineDetail"));
    }

    private static decimal Money(JsonNode? node) =>
        node is null ? 0m : decimal.Parse(node.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
