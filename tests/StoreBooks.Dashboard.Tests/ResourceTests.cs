using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoreBooks.Core.Messages;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Testing;
using StoreBooks.Web.Dashboard.Formatting;
using StoreBooks.Web.Dashboard.Resources;
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
    public void Every_sync_message_has_its_French_text_with_the_same_placeholders()
    {
        var english = Read("DashboardText.resx");
        var french = Read("DashboardText.fr.resx");
        var catalogue = MessageCatalog.All;

        Assert.True(catalogue.Count > 50);
        Assert.Equal(catalogue.Count, catalogue.Select(t => t.Code).Distinct(StringComparer.Ordinal).Count());
        foreach (var template in catalogue)
        {
            var key = MessageText.Key(template.Code);
            Assert.True(french.TryGetValue(key, out var text) && !string.IsNullOrWhiteSpace(text), $"{key} has no French text.");
            Assert.True(english.TryGetValue(key, out var englishText) && englishText == template.English, $"{key} in DashboardText.resx is not the catalogue's English.");
            Assert.True(template.Placeholders.Order(StringComparer.Ordinal).SequenceEqual(MessageTemplate.PlaceholdersOf(text).Order(StringComparer.Ordinal)),
                $"{key}: the French placeholders are not {string.Join(", ", template.Placeholders)}.");
        }

        var codes = catalogue.Select(t => MessageText.Key(t.Code)).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(english.Keys.Where(k => k.StartsWith(MessageText.KeyPrefix, StringComparison.Ordinal)).Except(codes));
    }

    [Fact]
    public void A_message_reads_French_with_French_numbers_and_English_as_the_sync_wrote_it()
    {
        var text = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(DashboardText));
        var localizer = new StringLocalizer<DashboardText>(new SingleLocalizerFactory(text));
        var order = OrderMessages.Reference.With(("number", "1043"));
        var message = SyncMessage.Join([
            OrderMessages.LinesMismatch.With(("order", order), ("sum", MessageArg.Number(1234.5m, "0.00###")), ("reported", MessageArg.Number(12.3m, "0.00###"))),
            SyncMessage.Untranslated("QuickBooks said: Business Validation Error."),
        ]);
        var french = CultureInfo.GetCultureInfo("fr-CA");
        var english = CultureInfo.GetCultureInfo("en-CA");

        Assert.Equal("order #1043: its lines add up to 1234.50, not the 12.30 the store reports. QuickBooks said: Business Validation Error.", message.Text);
        Assert.Equal("commande no 1043 : ses lignes totalisent 1234,50, et non les 12,30 qu'indique la boutique. QuickBooks said: Business Validation Error.",
            WithCulture(french, () => MessageText.Show(localizer, message, message.Text, french, french)));
        Assert.Equal(message.Text, WithCulture(english, () => MessageText.Show(localizer, message, message.Text, english, english)));
        Assert.Equal("older text", WithCulture(french, () => MessageText.Show(localizer, null, "older text", french, french)));
    }

    private static string WithCulture(CultureInfo culture, Func<string> read)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    private sealed class SingleLocalizerFactory(IStringLocalizer localizer) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => localizer;

        public IStringLocalizer Create(string baseName, string location) => localizer;
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
