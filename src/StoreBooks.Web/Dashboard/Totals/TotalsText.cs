namespace StoreBooks.Web.Dashboard.Totals;

/// <summary>Resource keys of the Totals page.</summary>
public static class TotalsText
{
    /// <summary>The key of a compared figure's name ("sales" reads "Sales (charged, less gift cards redeemed)").</summary>
    public static string MeasureKey(string measure) => "Totals_Measure_" + measure;
}
