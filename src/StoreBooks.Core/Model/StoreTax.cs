namespace StoreBooks.Core.Model;

/// <summary>
/// One tax charged on a line, on shipping or on a fee: the store's tax name ("GST", "QC QST", "CA State Tax"),
/// its rate as a fraction (0.05 for 5 %), and the amount the store charged, in the order's currency.
/// </summary>
public sealed record StoreTax(string Name, decimal Rate, decimal Amount);
