using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Sync;

/// <summary>
/// The sections that are pages of one connection: <c>/connections/{id}/preview</c>, <c>…/sync</c>, <c>…/totals</c>. Their
/// entries in the sections' navigation (<c>/preview</c>…) open the workspace's only connection, or list them to choose one.
/// </summary>
public static class ConnectionSections
{
    public static IReadOnlyList<string> All => DashboardSections.PerConnection;
}
