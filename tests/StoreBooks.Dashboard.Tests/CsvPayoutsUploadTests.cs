using System.Text;
using Microsoft.Playwright;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Hosting.Connections;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>
/// Adding a CSV store on the dashboard takes the payment transactions export as <c>storebooks connect csv --payouts</c> does: read
/// once before anything is saved (a file that is not that export is refused, in the reader's language), kept beside the other
/// two, and its payouts are on the Reconcile page.
/// </summary>
public sealed class CsvPayoutsUploadTests(BrowserFixture browser)
{
    private const string Products = "Handle,Title,Variant SKU,Variant Price\nwool-socks,Wool Hiking Socks,MLG-SOCK,20.00\n";

    private const string Orders =
        "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Id\n" +
        "#1001,ana@example.com,paid,2025-10-02 17:09:34 -0300,USD,40.00,0.00,0.00,40.00,2025-10-02 17:09:34 -0300,2,Wool Hiking Socks,20.00,MLG-SOCK,5001\n";

    // One payout of order #1001's charge less its fee, paid on 7 October.
    private const string Payouts =
        "Transaction Date,Type,Order,Payout Status,Payout Date,Payout ID,Amount,Fee,Net,Currency\n" +
        "2025-10-02 17:09:34 -0300,charge,#1001,paid,2025-10-07,88120,40.00,1.46,38.54,USD\n";

    // An export of something else: the columns of a payouts summary, not of its transactions.
    private const string NotTransactions = "Payout Date,Status,Amount\n2025-10-07,paid,38.54\n";

    [Fact]
    public async Task The_payouts_file_is_read_before_the_store_is_saved_kept_with_the_exports_and_its_payouts_are_reconciled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(emulators: true);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await SignUpInFrenchAsync(page, host, "Chaussettes Érable inc.");
        await page.GotoAsync(host.Url("/connections/add?store=csv"));

        // Not the payment transactions export: refused, in French, and nothing is kept.
        await page.GetByLabel("Nom de la connexion").FillAsync("export-mensuel");
        await page.GetByLabel("Fichier des produits").SetInputFilesAsync(File("products_export.csv", Products));
        await page.GetByLabel("Fichier des commandes").SetInputFilesAsync(File("orders_export.csv", Orders));
        await page.GetByLabel("Fichier des versements (facultatif)").SetInputFilesAsync(File("payouts.csv", NotTransactions));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier et enregistrer" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("payouts.csv n'a pas la ou les colonnes Type, Order, Payout Status, Payout ID, Fee, Net : ce n'est pas l'exportation des transactions de paiement de Shopify");
        await Assertions.Expect(alert).Not.ToContainTextAsync("column(s)");
        Assert.Empty(await host.State.Connections.ListAsync(ct));
        var uploads = Path.Combine(host.Home, "uploads");
        Assert.True(!Directory.Exists(uploads) || Directory.GetFileSystemEntries(uploads).Length == 0, "A refused upload left files behind.");
        await AssertAccessibleAsync(page);

        // A payouts file that is not a CSV file at all is refused before it is read.
        await page.GetByLabel("Fichier des produits").SetInputFilesAsync(File("products_export.csv", Products));
        await page.GetByLabel("Fichier des commandes").SetInputFilesAsync(File("orders_export.csv", Orders));
        await page.GetByLabel("Fichier des versements (facultatif)").SetInputFilesAsync(new FilePayload { Name = "payouts.pdf", MimeType = "application/pdf", Buffer = [0x25, 0x50, 0x44, 0x46] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier et enregistrer" }).ClickAsync();
        await Assertions.Expect(alert).ToContainTextAsync("payouts.pdf n'est pas un fichier CSV : choisissez l'exportation des transactions de paiement de Shopify");

        await page.GetByLabel("Fichier des produits").SetInputFilesAsync(File("products_export.csv", Products));
        await page.GetByLabel("Fichier des commandes").SetInputFilesAsync(File("orders_export.csv", Orders));
        await page.GetByLabel("Fichier des versements (facultatif)").SetInputFilesAsync(File("payment_transactions_export.csv", Payouts));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier et enregistrer" }).ClickAsync();
        await DashboardPages.WaitForAddressAsync(page, url => new Uri(url).Query == "?done=added");

        // Kept beside the other exports, under the setting storebooks connect csv --payouts writes.
        var saved = (await host.State.Connections.FindByNameAsync("export-mensuel", ct))!;
        var payoutsPath = saved.SourceSettings[StoreBooks.Csv.CsvSource.PayoutsPathSetting]!.GetValue<string>();
        Assert.Equal(Path.Combine(uploads, saved.Id.ToString("N"), CsvUploads.PayoutsFile), payoutsPath);
        Assert.Equal(Payouts, await System.IO.File.ReadAllTextAsync(payoutsPath, ct));

        // Joined to QuickBooks (its consent page is Intuit's), the Reconcile page has the export's payout.
        await host.JoinQuickBooksAsync(saved);
        await page.GotoAsync(host.Url($"/connections/{saved.Id}/reconcile?from=2025-10-01&to=2025-10-31"));
        var row = page.Locator("table.payouts tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "88120", Exact = true }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Payé");
        await Assertions.Expect(row).ToContainTextAsync("38,54");
        await Assertions.Expect(row).ToContainTextAsync("Aucun dépôt");
        await Assertions.Expect(page.Locator("table.payouts caption")).ToHaveTextAsync("1 versement(s) émis dans la période");
        await AssertAccessibleAsync(page);
    }

    private static FilePayload File(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
