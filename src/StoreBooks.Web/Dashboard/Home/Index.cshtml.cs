using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace StoreBooks.Web.Dashboard.Home;

/// <summary>The dashboard's root: the connections are its first page.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/connections");
}
