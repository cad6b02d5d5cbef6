using Microsoft.Playwright;
using StoreBooks.Core.State;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>What StoreBooks changed to fit QuickBooks when it posted an order reads French on the French Sync page, English on the English one.</summary>
public sealed class OrderWarningsInFrenchTests(BrowserFixture browser) : IDisposable
{
    private const string Products = "Handle,Title,Variant SKU,Variant Price\nmaple-syrup,Maple Syrup,SYRUP-500,12.50\n";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("storebooks-order-warnings-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_note_cut_to_fit_QuickBooks_memo_is_said_in_French_on_the_Sync_page_and_as_the_sync_wrote_it_in_English()
    {
        var ct = TestContext.Current.CancellationToken;
        // Order #1003 has a note of 5000 characters; QuickBooks keeps 4000 in a memo.
        var note = "Leave at the back door. " + new string('x', 4976);
        var orders =
            "Name,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Notes,Id\n" +
            $"#1003,paid,2026-11-20 10:00:00 -0500,USD,12.50,0.00,0.00,12.50,2026-11-20 10:00:00 -0500,1,Maple Syrup,12.50,SYRUP-500,{note},5003\n";
        var productsPath = Path.Combine(_folder.FullName, "products.csv");
        var ordersPath = Path.Combine(_folder.FullName, "orders.csv");
        await File.WriteAllTextAsync(productsPath, Products, ct);
        await File.WriteAllTextAsync(ordersPath, orders, ct);
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var csv = await host.AddConnectedCsvAsync("export-notes", productsPath, ordersPath, settings: ConnectedShop.Posting);

        var result = await host.Server.Jobs.RunAsync(csv.Id, "manual", ct);
        Assert.Null(result.Run!.Error);
        var link = (await host.State.Links.FindAsync(csv.Id, LinkKind.Sale, "5003", ct))!;
        Assert.Equal(LinkState.Done, link.State);
        const string English = "order #1003: its note of 5000 characters was cut to fit QuickBooks' 4000-character memo; the store keeps it whole.";
        Assert.Equal([English], link.Warnings);
        Assert.Equal("order.warning.note-cut", Assert.Single(link.WarningDetails).Code);

        await using var french = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await french.NewPageAsync();
        await SignUpInFrenchAsync(page, host, "Érable inc.");
        await page.GotoAsync(host.Url($"/connections/{csv.Id}/sync"));
        var row = page.Locator("table.warned tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "commande no 1003", Exact = true }) });
        await Assertions.Expect(row.Locator("td li")).ToHaveTextAsync(
            "commande no 1003 : sa note de 5000 caractères a été coupée pour tenir dans le mémo de 4000 caractères de QuickBooks ; la boutique la garde entière.");
        await Assertions.Expect(page.Locator("table.warned")).Not.ToContainTextAsync("was cut");
        await AssertAccessibleAsync(page);

        await using var english = await browser.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var englishPage = await english.NewPageAsync();
        await englishPage.GotoAsync(host.Url("/sign-in"));
        await SignInAsync(englishPage, OwnerEmail, OwnerPassword);
        await DashboardPages.WaitForAddressAsync(englishPage, host.Url("/connections"));
        await englishPage.GotoAsync(host.Url($"/connections/{csv.Id}/sync"));
        var englishRow = englishPage.Locator("table.warned tbody tr").Filter(new() { Has = englishPage.GetByRole(AriaRole.Rowheader, new() { Name = "order #1003", Exact = true }) });
        await Assertions.Expect(englishRow.Locator("td li")).ToHaveTextAsync(English);
    }
}
