using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;

namespace StoreBooks.Web.Dashboard.Shared;

/// <summary>
/// The dashboard's languages: English and French (fr-CA, also serving fr-FR and any other French). The language comes from
/// the switcher's cookie, else the browser's Accept-Language, else English; dates and amounts follow the same culture.
/// </summary>
internal static class DashboardCultures
{
    public const string CookieName = "storebooks.culture";

    /// <summary>What the switcher offers: the culture and its name in its own language.</summary>
    public static IReadOnlyList<(string Culture, string Name)> Choices { get; } = [("en", "English"), ("fr-CA", "Français")];

    /// <summary>Cultures a request may get (a language's parent stands for its other regions: fr-BE reads French).</summary>
    private static readonly string[] Names = ["en", "en-CA", "en-US", "en-GB", "fr", "fr-CA", "fr-FR"];

    public static RequestLocalizationOptions LocalizationOptions()
    {
        var cultures = Available();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(cultures[0]),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider { CookieName = CookieName },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    /// <summary>True when <paramref name="culture"/> is one the switcher may set.</summary>
    public static bool IsChoice(string? culture) => Choices.Any(c => c.Culture == culture);

    /// <summary>
    /// The cultures this process can make. A host running with invariant globalization (no ICU) can make none of them: it then
    /// serves English with invariant formats rather than failing to start.
    /// </summary>
    private static List<CultureInfo> Available()
    {
        var cultures = new List<CultureInfo>();
        foreach (var name in Names)
        {
            try
            {
                var culture = CultureInfo.GetCultureInfo(name);
                if (culture.Name == name)
                {
                    cultures.Add(culture);
                }
            }
            catch (CultureNotFoundException)
            {
            }
        }

        return cultures.Count > 0 ? cultures : [CultureInfo.InvariantCulture];
    }
}
