using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Messages;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Web.Dashboard.Formatting;
using StoreBooks.Web.Dashboard.Resources;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>
/// What a store's records say when they cannot be read (a CSV row with a total that is not a number, a row without its order's
/// name, a Shopify or WooCommerce order that does not parse) reads French on French pages, and as the command line writes it in English.
/// </summary>
public sealed class StoreProblemsInFrenchTests(BrowserFixture browser) : IDisposable
{
    private const string Products = "Handle,Title,Variant SKU,Variant Price\nmaple-syrup,Maple Syrup,SYRUP-500,12.50\n";

    // Order #1002's total was typed with a comma and a letter O; the row after it lost its order's name.
    private const string Orders =
        "Name,Financial Status,Paid at,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Id\n" +
        "#1002,paid,2026-11-20 10:00:00 -0500,USD,\"12,5O\",2026-11-20 10:00:00 -0500,1,Maple Syrup,12.50,SYRUP-500,5002\n" +
        ",paid,2026-11-21 10:00:00 -0500,USD,12.50,2026-11-21 10:00:00 -0500,1,Maple Syrup,12.50,SYRUP-500,5003\n";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("storebooks-store-problems-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Rows_of_a_CSV_export_that_cannot_be_read_need_attention_in_French_and_keep_their_English_for_the_command_line()
    {
        var ct = TestContext.Current.CancellationToken;
        var products = Path.Combine(_folder.FullName, "products.csv");
        var orders = Path.Combine(_folder.FullName, "orders.csv");
        await File.WriteAllTextAsync(products, Products, ct);
        await File.WriteAllTextAsync(orders, Orders, ct);
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var csv = await host.AddConnectedCsvAsync("export-erable", products, orders, settings: ConnectedShop.Posting);
        await using var french = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await french.NewPageAsync();
        await SignUpInFrenchAsync(page, host, "Érable inc.");

        await page.GotoAsync(host.Url($"/connections/{csv.Id}/sync"));
        await DashboardPages.SyncNowAsync(page, "Synchroniser maintenant");
        await ConnectedShop.WaitForEndedRunsAsync(host, csv, 1);
        await page.ReloadAsync();

        // The command line's words, unchanged in English, and with their codes.
        var issues = await host.State.Runs.ListOpenIssuesAsync(csv.Id, ct);
        var total = Assert.Single(issues, i => i.Reference == "order #1002");
        Assert.Equal("orders.csv line 2 (order #1002): Total \"12,5O\" is not a number (write it like 12.50).", total.Message);
        Assert.Equal("csv.order.problem", total.Detail?.Code);
        var nameless = Assert.Single(issues, i => i.Reference == "orders.csv line 3");
        Assert.Equal("orders.csv line 3: Name is empty; every row of an orders export needs its order's name (#1001).", nameless.Message);
        Assert.Equal("csv.order.row.no-name", nameless.Detail?.Code);

        // Each row named and explained in French.
        var totalRow = page.Locator("table.attention tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "commande no 1002", Exact = true }) });
        await Assertions.Expect(totalRow.Locator("td").First).ToHaveTextAsync(
            "orders.csv ligne 2 (commande no 1002) : Total « 12,5O » n'est pas un nombre (écrivez-le comme 12.50).");
        var namelessRow = page.Locator("table.attention tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "orders.csv ligne 3", Exact = true }) });
        await Assertions.Expect(namelessRow.Locator("td").First).ToHaveTextAsync(
            "orders.csv ligne 3 : Name est vide ; chaque ligne d'une exportation de commandes doit porter le nom de sa commande (#1001).");
        await Assertions.Expect(page.Locator("table.attention")).Not.ToContainTextAsync("is not a number");
        await Assertions.Expect(page.Locator("table.attention")).Not.ToContainTextAsync("order #");
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public void An_unreadable_Shopify_or_WooCommerce_record_reads_French_and_keeps_its_English()
    {
        // The emulators refuse a malformed order, so these are the messages the sources make of one, through the dashboard's words.
        var shopify = StoreMessages.UnreadableOrder("Shopify", "450789469", "#1043", "The JSON value could not be converted to System.Decimal.");
        var woo = StoreMessages.UnreadableOrder("WooCommerce", "727", "#1051", "'x' is an invalid start of a value.");
        var customer = StoreMessages.CustomerUnreadable.With(("store", "WooCommerce"), ("id", "88"), ("detail", "bad"));

        Assert.Equal("Shopify order #1043 (id 450789469) cannot be read: The JSON value could not be converted to System.Decimal.", shopify.Text);
        Assert.Equal("WooCommerce order #1051 (id 727) cannot be read: 'x' is an invalid start of a value.", woo.Text);
        Assert.Equal("Shopify : la commande no 1043 (id 450789469) ne peut pas être lue : The JSON value could not be converted to System.Decimal.", French(shopify));
        Assert.Equal("WooCommerce : la commande no 1051 (id 727) ne peut pas être lue : 'x' is an invalid start of a value.", French(woo));
        Assert.Equal("WooCommerce : le client 88 ne peut pas être lu : bad", French(customer));
        // The record's name is found in its problem, as the Sync page names the row.
        Assert.Equal("commande no 1043", Show(shopify, "order #1043"));
    }

    [Fact]
    public void A_setting_value_that_does_not_read_says_why_in_French_with_French_dates()
    {
        var date = SettingValues.Read(typeof(DateOnly?), allowsNone: true, "31/01/2026");
        var interval = SettingValues.Read(typeof(TimeSpan?), allowsNone: true, "15 minutes");
        var list = SettingValues.Read(typeof(IReadOnlyList<string>), allowsNone: false, "Paid");

        Assert.Equal("\"31/01/2026\" is not a date written YYYY-MM-DD (for 31 January 2026, write 2026-01-31).", date.Problem);
        Assert.Equal("« 31/01/2026 » n'est pas une date écrite AAAA-MM-JJ (pour le 31 janvier 2026, écrivez 2026-01-31).", French(date.Detail!));
        Assert.Equal("« 15 minutes » n'est pas une durée : écrivez heures:minutes:secondes, p. ex. 00:15:00 pour toutes les 15 minutes, " +
            "ou 01:00:00 pour toutes les heures (ou rien, pour aucune synchronisation planifiée).", French(interval.Detail!));
        Assert.StartsWith("« Paid » n'est pas une liste : écrivez les valeurs entre crochets", French(list.Detail!), StringComparison.Ordinal);
        Assert.Null(SettingValues.Read(typeof(DateOnly?), allowsNone: true, "2026-01-31").Detail);
    }

    private static readonly CultureInfo CanadianFrench = CultureInfo.GetCultureInfo("fr-CA");

    private static string French(SyncMessage message) => InFrench(() => MessageText.Show(Localizer(), message, message.Text, CanadianFrench, CanadianFrench));

    private static string Show(SyncMessage message, string part) => InFrench(() => MessageText.ShowPart(Localizer(), message, part));

    /// <summary>The dashboard's words are looked up in the culture of the request, as a French page's.</summary>
    private static string InFrench(Func<string> read)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CanadianFrench;
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    private static StringLocalizer<DashboardText> Localizer()
    {
        var text = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(DashboardText));
        return new StringLocalizer<DashboardText>(new SingleLocalizerFactory(text));
    }

    private sealed class SingleLocalizerFactory(IStringLocalizer localizer) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => localizer;

        public IStringLocalizer Create(string baseName, string location) => localizer;
    }
}
