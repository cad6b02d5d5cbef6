namespace StoreBooks.Core.Products;

/// <summary>
/// One problem with a connection's settings: which setting (its key, as a merchant types it: <c>products.incomeAccount</c>,
/// <c>sales.docNumberPrefix</c>, <c>syncInterval</c>), and a message the merchant can act on, naming the value and what to change.
/// </summary>
public sealed record SettingsProblem(string Setting, string Message);
