using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace StoreBooks.Web.Dashboard.Coming;

/// <summary>A section whose page is still to come (products, sales): its place in the navigation, and a note.</summary>
public sealed class SectionModel : PageModel
{
    [FromRoute]
    public string Section { get; set; } = "";

    public void OnGet()
    {
    }
}
