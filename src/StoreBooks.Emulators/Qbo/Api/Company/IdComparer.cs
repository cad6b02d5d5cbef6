namespace StoreBooks.Emulators.Qbo.Api.Company;

/// <summary>Orders QBO ids numerically ("2" before "10"); non-numeric ids such as TAX and NON come first.</summary>
internal sealed class IdComparer : IComparer<string>
{
    public static readonly IdComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var xn = long.TryParse(x, out var xv);
        var yn = long.TryParse(y, out var yv);
        return (xn, yn) switch
        {
            (true, true) => xv.CompareTo(yv),
            (false, true) => -1,
            (true, false) => 1,
            _ => string.CompareOrdinal(x, y),
        };
    }
}
