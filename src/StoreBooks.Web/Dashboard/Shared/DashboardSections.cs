namespace StoreBooks.Web.Dashboard.Shared;

/// <summary>The dashboard's sections, in the navigation's order: each one's key and address.</summary>
public static class DashboardSections
{
    public const string Connections = "connections";

    /// <summary>Sections with their pages, after the connections: each leads to a connection's own page.</summary>
    public static IReadOnlyList<string> Built { get; } = ["products", "sales"];

    /// <summary>Sections that are pages of one connection: "/sync" opens the only connection's, or lists them to choose one.</summary>
    public static IReadOnlyList<string> PerConnection { get; } = ["preview", "sync", "totals", "reconcile"];

    public static IReadOnlyList<(string Key, string Href)> All { get; } =
        [(Connections, "/connections"), .. Built.Concat(PerConnection).Select(key => (key, "/" + key))];

    /// <summary>The resource key of a section's name ("connections" reads "Connections" / "Connexions").</summary>
    public static string LabelKey(string key) => "Section_" + key;
}
