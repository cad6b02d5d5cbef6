using Microsoft.AspNetCore.Mvc.RazorPages;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Connections;

/// <summary>The signed-in user's workspace's connections, by name, each with its QuickBooks company, last and next run and open issues.</summary>
public sealed class IndexModel : PageModel
{
    private readonly CurrentWorkspace _workspace;
    private readonly ConnectionOverviews _overviews;

    public IndexModel(CurrentWorkspace workspace, ConnectionOverviews overviews)
    {
        _workspace = workspace;
        _overviews = overviews;
    }

    public IReadOnlyList<ConnectionOverview> Connections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var connections = await _workspace.Connections.ListAsync(cancellationToken).ConfigureAwait(false);
        Connections = await _overviews.ForAsync(connections, cancellationToken).ConfigureAwait(false);
    }
}
