namespace StoreBooks.Web.Dashboard.Account;

/// <summary>A plausibility check of an email address (one @, something either side, a dot in the domain, no spaces): enough to catch a typo.</summary>
public static class EmailAddress
{
    public static bool LooksValid(string? email)
    {
        var text = email?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 254 || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && text.IndexOf('.', at) > at + 1 && !text.EndsWith('.');
    }
}
