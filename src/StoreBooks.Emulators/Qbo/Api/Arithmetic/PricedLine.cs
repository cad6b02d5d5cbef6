using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Qbo.Api.Arithmetic;

/// <summary>A line that carries an amount and a tax code: an item line, a bundle's component, or shipping.</summary>
internal sealed class PricedLine
{
    public required JsonObject Line { get; init; }

    public required JsonObject Detail { get; init; }

    /// <summary>TAX/NON (US), a TaxCode id (elsewhere), null when the transaction is not taxed.</summary>
    public string? TaxCode { get; init; }

    /// <summary>Net amount, rounded to the cent.</summary>
    public decimal Amount { get; set; }

    /// <summary>The tax-inclusive amount the client sent (TaxInclusive companies).</summary>
    public decimal? Gross { get; init; }

    public bool IsShipping { get; init; }
}
