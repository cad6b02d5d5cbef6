using StoreBooks.Core.Messages;
using StoreBooks.QuickBooks.Common;

namespace StoreBooks.Sync.Sales;

/// <summary>
/// A QuickBooks sales document (sales receipt, invoice or refund receipt) worked out from a store record, before it is sent:
/// its lines, tax detail and the totals QuickBooks should arrive at, which the sync checks against what QuickBooks answers.
/// </summary>
public sealed record SaleDraft
{
    public required IReadOnlyList<Line> Lines { get; init; }

    /// <summary>Non-US companies: the store's tax per QuickBooks rate (QuickBooks' total is held to the store's).</summary>
    public TxnTaxDetail? TaxDetail { get; init; }

    /// <summary>Non-US companies: TaxExcluded or TaxInclusive.</summary>
    public string? GlobalTaxCalculation { get; init; }

    /// <summary>What the document's TotalAmt must be.</summary>
    public decimal Total { get; init; }

    /// <summary>Tax on the document: TxnTaxDetail's total (non-US), or the collected-tax line (US).</summary>
    public decimal Tax { get; init; }

    public decimal Shipping { get; init; }

    /// <summary>The discount line's amount (before tax for tax-inclusive orders).</summary>
    public decimal Discount { get; init; }

    /// <summary>Cents moved to the rounding line, if any.</summary>
    public decimal Rounding { get; init; }

    /// <summary>Why the document cannot be posted, one message per problem, in the merchant's words.</summary>
    public IReadOnlyList<string> Problems => [.. ProblemMessages.Select(p => p.Text)];

    /// <summary><see cref="Problems"/> with their codes and arguments.</summary>
    public IReadOnlyList<SyncMessage> ProblemMessages { get; init; } = [];
}
