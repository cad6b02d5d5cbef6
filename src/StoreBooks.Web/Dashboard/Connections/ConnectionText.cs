namespace StoreBooks.Web.Dashboard.Connections;

/// <summary>Resource keys for a connection's words.</summary>
public static class ConnectionText
{
    /// <summary>The key of a store kind's name: "shopify" reads "Shopify", "csv" "CSV export" / "Exportation CSV".</summary>
    public static string SourceKey(string sourceKind) => sourceKind switch
    {
        "shopify" => "Source_shopify",
        "woocommerce" => "Source_woocommerce",
        "csv" => "Source_csv",
        _ => "Source_other",
    };
}
