using Microsoft.AspNetCore.Http;
using StoreBooks.Core.State;
using StoreBooks.Web.Dashboard.Account;

namespace StoreBooks.Web.Dashboard.Shared;

/// <summary>
/// The signed-in user's workspace, for one request: the only way dashboard pages reach connections, so a page can never list
/// or open another workspace's.
/// </summary>
public sealed class CurrentWorkspace
{
    private readonly IHttpContextAccessor _http;
    private readonly IStateStore _state;

    public CurrentWorkspace(IHttpContextAccessor http, IStateStore state)
    {
        _http = http;
        _state = state;
    }

    public SignedInUser User => SignedInUser.From(_http.HttpContext?.User)
        ?? throw new InvalidOperationException("This page needs a signed-in user; the dashboard's pages are authorized by DashboardSetup.");

    public IWorkspaceConnections Connections => _state.Workspaces.ConnectionsOf(User.WorkspaceId);
}
