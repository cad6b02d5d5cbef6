using Microsoft.AspNetCore.Mvc.RazorPages;
using StoreBooks.Core.Connections;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Sales;

/// <summary>The navigation's "Sales": the workspace's connections, each leading to its sales settings.</summary>
public sealed class IndexModel : PageModel
{
    private readonly CurrentWorkspace _workspace;

    public IndexModel(CurrentWorkspace workspace)
    {
        _workspace = workspace;
    }

    public IReadOnlyList<Connection> Connections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Connections = await _workspace.Connections.ListAsync(cancellationToken).ConfigureAwait(false);
    }
}
