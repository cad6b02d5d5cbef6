using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using StoreBooks.Core.State;

namespace StoreBooks.Web.Dashboard.Account;

/// <summary>
/// Checks every session cookie against the state store: a user who is gone, moved to another workspace, or whose password
/// changed since (a new security stamp) is signed out.
/// </summary>
internal static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var session = SignedInUser.From(context.Principal);
        var users = context.HttpContext.RequestServices.GetRequiredService<IStateStore>().Users;
        var user = session is null ? null : await users.GetAsync(session.UserId, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (user is null || user.WorkspaceId != session!.WorkspaceId || user.SecurityStamp != session.SecurityStamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }
}
