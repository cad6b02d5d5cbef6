using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StoreBooks.Hosting.Connections;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Web.Dashboard.Resources;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Connections;

/// <summary>
/// Connect (or reconnect) QuickBooks: a new state bound to this session, then off to Intuit's consent page (its address from the
/// discovery document). A link, not a form: the page changes nothing but the state cookie, and the Content-Security-Policy's
/// form-action keeps forms on this server. Another workspace's connection is a 404.
/// </summary>
public sealed class QuickBooksConnectModel(CurrentWorkspace workspace, QuickBooksAuthorization authorization, QuickBooksStateCookie states, IStringLocalizer<DashboardText> text) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public bool Missing { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var connection = await workspace.Connections.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            Missing = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (!authorization.CanConnect)
        {
            Problem = text["Connect_NoIntuitApp"];
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        // The request's scheme and host are serve's public address when it has one (PublicAddress), the proxy's inner one never.
        var redirect = new Uri($"{Request.Scheme}://{Request.Host}{QuickBooksStateCookie.CallbackPath}");
        var pending = states.Start(HttpContext, workspace.User, connection.Id, redirect);
        try
        {
            return Redirect((await authorization.AuthorizeUrlAsync(redirect, pending.State, cancellationToken).ConfigureAwait(false)).AbsoluteUri);
        }
        catch (QboOAuthException e)
        {
            Problem = text["Connect_IntuitUnreachable", e.Message];
            Response.StatusCode = StatusCodes.Status502BadGateway;
            return Page();
        }
    }
}
