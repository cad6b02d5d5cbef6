namespace StoreBooks.Sync.Sales;

/// <summary>
/// Whether a store's email can go to QuickBooks, which refuses an address without "@" and a "." after it, longer than 100
/// characters, or with spaces. A store lets buyers type anything ("none", "ann at example.com"); such an address is left out of
/// the customer and the document, with a warning, rather than making QuickBooks refuse the order.
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 100;

    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        var text = email.Trim();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return text.Length <= MaxLength
            && at > 0
            && at == text.LastIndexOf('@')
            && text.IndexOf('.', at) > at + 1
            && !text.EndsWith('.')
            && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '<' or '>');
    }
}
