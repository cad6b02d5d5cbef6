using System.Globalization;
using System.Xml.Linq;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Web.Dashboard.Formatting;
using Xunit;

namespace StoreBooks.Dashboard.Tests;

/// <summary>Both languages have every word, with the same placeholders, and dates and amounts are written as each culture writes them.</summary>
public sealed class ResourceTests
{
    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(RepositoryFiles.Path(Path.Combine("src", "StoreBooks.Web", "Dashboard", "Resources", file)))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Fact]
    public void English_and_French_have_the_same_keys_each_with_text_and_the_same_placeholders()
    {
        var english = Read("DashboardText.resx");
        var french = Read("DashboardText.fr.resx");

        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.True(english.Count > 20);
        foreach (var (key, text) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{key} has no English text.");
            Assert.False(string.IsNullOrWhiteSpace(french[key]), $"{key} has no French text.");
            Assert.Equal(Placeholders(text), Placeholders(french[key]));
        }
    }

    [Fact]
    public void Every_key_a_page_uses_is_in_the_resources()
    {
        var english = Read("DashboardText.resx");
        var dashboard = RepositoryFiles.Path(Path.Combine("src", "StoreBooks.Web", "Dashboard"));
        var used = Directory.EnumerateFiles(dashboard, "*.cs*", SearchOption.AllDirectories)
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), "(?:\\bT|_text|text)\\[\"([A-Za-z_]+)\"").Select(m => m.Groups[1].Value))
            .Concat(StoreBooks.Web.Dashboard.Shared.DashboardSections.All.Select(s => StoreBooks.Web.Dashboard.Shared.DashboardSections.LabelKey(s.Key)))
            .Concat(new[] { "shopify", "woocommerce", "csv", "other" }.Select(StoreBooks.Web.Dashboard.Connections.ConnectionText.SourceKey))
            .Distinct()
            .ToList();

        Assert.True(used.Count > 20);
        Assert.All(used, key => Assert.True(english.ContainsKey(key), $"{key} is used but not in DashboardText.resx."));
    }

    [Fact]
    public void Dates_and_amounts_follow_the_culture()
    {
        var day = new DateTimeOffset(2025, 10, 2, 20, 9, 0, TimeSpan.Zero);
        var canadianFrench = CultureInfo.GetCultureInfo("fr-CA");

        Assert.Equal("2 octobre 2025", DisplayFormat.Date(day, canadianFrench));
        Assert.Equal("October 2, 2025", DisplayFormat.Date(day, CultureInfo.GetCultureInfo("en-CA")));
        // The first of the month is an ordinal in French, as the product article writes it ("à partir du 1er février").
        Assert.Equal("1er février 2026", DisplayFormat.Date(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), CultureInfo.GetCultureInfo("fr-FR")));
        Assert.Equal("1er octobre 2025", DisplayFormat.Date(new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero), canadianFrench));
        Assert.Equal("October 1, 2025", DisplayFormat.Date(new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero), CultureInfo.GetCultureInfo("en-CA")));
        // French writes its spaces as no-break spaces (which one depends on the ICU version); compared as plain spaces.
        Assert.Equal("1 234,50 $", Spaced(DisplayFormat.Amount(1234.5m, "CAD", canadianFrench)));
        Assert.Equal("1 234,50 USD", Spaced(DisplayFormat.Amount(1234.5m, "USD", canadianFrench)));
        Assert.Equal("$1,234.50", DisplayFormat.Amount(1234.5m, "CAD", CultureInfo.GetCultureInfo("en-CA")));
        Assert.Equal("1 234,50 €", Spaced(DisplayFormat.Amount(1234.5m, "EUR", CultureInfo.GetCultureInfo("fr-FR"))));
        Assert.Equal("1,234.50 EUR", Spaced(DisplayFormat.Amount(1234.5m, "EUR", CultureInfo.GetCultureInfo("en-CA"))));
    }

    private static string Spaced(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    private static List<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, "\\{\\d+\\}").Select(m => m.Value).Order()];
}
