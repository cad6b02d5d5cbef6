namespace StoreBooks.Emulators.Qbo.Api.Company;

/// <summary>ISO 4217 codes QBO accepts in <c>CurrencyRef</c>, with the names it echoes ("United States Dollar").</summary>
internal static class Currencies
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["USD"] = "United States Dollar",
        ["CAD"] = "Canadian Dollar",
        ["EUR"] = "Euro",
        ["GBP"] = "British Pound Sterling",
        ["AUD"] = "Australian Dollar",
        ["NZD"] = "New Zealand Dollar",
        ["MXN"] = "Mexican Peso",
        ["INR"] = "Indian Rupee",
        ["JPY"] = "Japanese Yen",
        ["CHF"] = "Swiss Franc",
        ["CNY"] = "Chinese Yuan Renminbi",
        ["HKD"] = "Hong Kong Dollar",
        ["SGD"] = "Singapore Dollar",
        ["SEK"] = "Swedish Krona",
        ["NOK"] = "Norwegian Krone",
        ["DKK"] = "Danish Krone",
        ["ZAR"] = "South African Rand",
        ["BRL"] = "Brazilian Real",
    };

    public static string? Name(string code) => Names.GetValueOrDefault(code);
}
