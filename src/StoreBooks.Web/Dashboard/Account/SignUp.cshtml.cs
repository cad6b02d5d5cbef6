using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using StoreBooks.Core.State;
using StoreBooks.Core.Workspaces;
using StoreBooks.Web.Dashboard.Resources;
using StoreBooks.Web.Dashboard.Security;

namespace StoreBooks.Web.Dashboard.Account;

/// <summary>
/// The first start: while the home has no user, whoever opens the dashboard makes the owner's account (and names the
/// workspace, which holds the home's connections). Once a user exists, sign-up is closed and sends to sign-in; further users
/// come from <c>storebooks users add</c>.
/// </summary>
[EnableRateLimiting(SignInRateLimit.Name)]
public sealed class SignUpModel : PageModel
{
    private readonly IStateStore _state;
    private readonly PasswordHashing _passwords;
    private readonly TimeProvider _time;
    private readonly IStringLocalizer<DashboardText> _text;

    public SignUpModel(IStateStore state, PasswordHashing passwords, TimeProvider time, IStringLocalizer<DashboardText> text)
    {
        _state = state;
        _passwords = passwords;
        _time = time;
        _text = text;
    }

    [BindProperty]
    public string BusinessName { get; set; } = "";

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string ConfirmPassword { get; set; } = "";

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await _state.Users.AnyAsync(cancellationToken).ConfigureAwait(false) ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await _state.Users.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return RedirectToPage("/Account/SignIn");
        }

        Check();
        if (Errors.Count > 0)
        {
            return Page();
        }

        var workspace = (await _state.Workspaces.ListAsync(cancellationToken).ConfigureAwait(false))[0];
        var now = _time.GetUtcNow();
        var owner = new WorkspaceUser
        {
            Id = Guid.NewGuid(),
            WorkspaceId = workspace.Id,
            Email = Email.Trim(),
            PasswordHash = _passwords.Hash(Password),
            Role = WorkspaceRole.Owner,
            CreatedAt = now,
        };
        if (!await _state.Users.AddFirstAsync(owner, cancellationToken).ConfigureAwait(false))
        {
            // Someone else made the first account a moment ago.
            return RedirectToPage("/Account/SignIn");
        }

        await _state.Workspaces.RenameAsync(workspace.Id, BusinessName, cancellationToken).ConfigureAwait(false);
        var saved = await _state.Users.GetAsync(owner.Id, cancellationToken).ConfigureAwait(false);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SignedInUser.Principal(saved!)).ConfigureAwait(false);
        return LocalRedirect("/connections");
    }

    private void Check()
    {
        if (string.IsNullOrWhiteSpace(BusinessName))
        {
            Errors.Add(_text["BusinessNameRequired"]);
        }

        if (!EmailAddress.LooksValid(Email))
        {
            Errors.Add(_text["EmailInvalid"]);
        }

        if (PasswordHashing.Problem(Password) is not null)
        {
            Errors.Add(_text["PasswordTooShort", PasswordHashing.MinimumLength]);
        }
        else if (Password != ConfirmPassword)
        {
            Errors.Add(_text["PasswordsDiffer"]);
        }
    }
}
