using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Language;

/// <summary>The language switcher's target: remembers the choice in a cookie for a year and goes back to the page it came from.</summary>
public sealed class ChooseModel : PageModel
{
    private readonly ServeOptions _options;

    public ChooseModel(ServeOptions options)
    {
        _options = options;
    }

    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (DashboardCultures.IsChoice(culture))
        {
            Response.Cookies.Append(
                DashboardCultures.CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions
                {
                    Expires = _options.Time.GetUtcNow().AddYears(1),
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = Request.IsHttps,
                });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
