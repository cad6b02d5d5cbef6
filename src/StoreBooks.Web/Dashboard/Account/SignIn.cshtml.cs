using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using StoreBooks.Core.State;
using StoreBooks.Web.Dashboard.Resources;
using StoreBooks.Web.Dashboard.Security;

namespace StoreBooks.Web.Dashboard.Account;

/// <summary>Sign-in with email and password. On a home without any user yet it sends to sign-up, where the owner starts.</summary>
[EnableRateLimiting(SignInRateLimit.Name)]
public sealed class SignInModel : PageModel
{
    private readonly IStateStore _state;
    private readonly PasswordHashing _passwords;
    private readonly IStringLocalizer<DashboardText> _text;

    public SignInModel(IStateStore state, PasswordHashing passwords, IStringLocalizer<DashboardText> text)
    {
        _state = state;
        _passwords = passwords;
        _text = text;
    }

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await _state.Users.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return RedirectToPage("/Account/SignUp");
        }

        return SignedInUser.From(User) is not null ? LocalRedirect(SafeReturnUrl) : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await _state.Users.FindByEmailAsync(Email, cancellationToken).ConfigureAwait(false);
        if (!_passwords.Verify(user, Password ?? ""))
        {
            Error = _text["WrongEmailOrPassword"];
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SignedInUser.Principal(user!)).ConfigureAwait(false);
        return LocalRedirect(SafeReturnUrl);
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/connections";
}
