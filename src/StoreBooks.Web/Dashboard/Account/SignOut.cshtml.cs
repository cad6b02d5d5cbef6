using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StoreBooks.Core.State;

namespace StoreBooks.Web.Dashboard.Account;

/// <summary>
/// Ends the session (a posted form, so another site cannot sign a user out with a link) and shows sign-in. The user's security
/// stamp is renewed, so a copy of the cookie kept from before (a shared computer, a proxy's log) no longer opens the dashboard.
/// </summary>
public sealed class SignOutModel(IStateStore state) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/connections");

    public async Task<IActionResult> OnPostAsync()
    {
        if (SignedInUser.From(User) is { } user)
        {
            await state.Users.RenewSecurityStampAsync(user.UserId, HttpContext.RequestAborted).ConfigureAwait(false);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return RedirectToPage("/Account/SignIn");
    }
}
