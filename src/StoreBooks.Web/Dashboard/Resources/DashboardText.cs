namespace StoreBooks.Web.Dashboard.Resources;

/// <summary>
/// The dashboard's words: <c>DashboardText.resx</c> (English) and <c>DashboardText.fr.resx</c> (French, for fr-CA, fr-FR and
/// any other French), read through <c>IStringLocalizer&lt;DashboardText&gt;</c>. Both files have the same keys (a test checks).
/// </summary>
public sealed class DashboardText
{
    private DashboardText()
    {
    }
}
