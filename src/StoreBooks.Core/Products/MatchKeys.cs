namespace StoreBooks.Core.Products;

/// <summary>How SKUs and names compare: without case or surrounding spaces.</summary>
public static class MatchKeys
{
    /// <summary>The comparable form of a SKU or name; null when it is empty.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return value.Trim().ToUpperInvariant();
    }

    public static bool Same(string? a, string? b)
    {
        var left = Normalize(a);
        return left is not null && left == Normalize(b);
    }
}
