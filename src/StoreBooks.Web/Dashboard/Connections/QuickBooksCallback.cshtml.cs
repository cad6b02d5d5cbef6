using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Connections;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Sync.Connections;
using StoreBooks.Web.Dashboard.Resources;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Connections;

/// <summary>
/// Where Intuit sends the merchant back: the state must be the one this session started (else nothing happens, 400), the
/// connection must be in the workspace (else 404); then the code is exchanged, the tokens saved as <c>storebooks connect
/// quickbooks</c> saves them, and the connection's page shows the company's name.
/// </summary>
public sealed class QuickBooksCallbackModel(
    CurrentWorkspace workspace, IStateStore store, QuickBooksAuthorization authorization, QuickBooksConnections quickBooks, QuickBooksStateCookie states,
    TimeProvider time, IStringLocalizer<DashboardText> text) : PageModel
{
    public string? Problem { get; private set; }

    public Guid? ConnectionId { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        [FromQuery] string? code, [FromQuery] string? state, [FromQuery] string? realmId, [FromQuery] string? error, CancellationToken cancellationToken)
    {
        var pending = states.Take(HttpContext, workspace.User, state);
        if (pending is null)
        {
            return Refuse(StatusCodes.Status400BadRequest, text["Connect_StateRefused"]);
        }

        var connection = await workspace.Connections.GetAsync(pending.ConnectionId, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return Refuse(StatusCodes.Status404NotFound, text["ConnectionNotFound"]);
        }

        ConnectionId = connection.Id;
        if (!string.IsNullOrEmpty(error))
        {
            return Refuse(StatusCodes.Status400BadRequest, error == "access_denied" ? text["Connect_QuickBooksDeclined"] : text["Connect_QuickBooksRefused", error]);
        }

        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(realmId))
        {
            return Refuse(StatusCodes.Status400BadRequest, text["Connect_StateRefused"]);
        }

        try
        {
            var tokens = await authorization.ExchangeAsync(code, realmId, new Uri(pending.RedirectUri), cancellationToken).ConfigureAwait(false);
            await QuickBooksLink.SaveAsync(
                workspace.Connections, store.Credentials, quickBooks, connection, realmId, tokens, authorization.Setup.BaseUrl, authorization.Setup.EffectiveApp!, time,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is QboOAuthException or QboException or HttpRequestException)
        {
            return Refuse(StatusCodes.Status502BadGateway, text["Connect_QuickBooksRefused", e.Message]);
        }

        return Redirect($"/connections/{connection.Id}?quickbooks=connected");
    }

    private PageResult Refuse(int status, string problem)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }
}
