using Microsoft.AspNetCore.Mvc.RazorPages;
using StoreBooks.Core.Connections;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Products;

/// <summary>The navigation's "Products": the workspace's connections, each leading to its product settings and item plan.</summary>
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
