using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.State;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>Why a payout waits reads French on the French Sync and Reconcile pages, and as the sync wrote it on the English Sync page.</summary>
public sealed class PayoutMessagesInFrenchTests(BrowserFixture browser)
{
    /// <summary>Payouts on, items by hand: the demo shop's paid orders wait for their items, so its paid payouts wait for those orders.</summary>
    private static Core.Connections.ConnectionSettings WaitingPayouts => ConnectedShop.ManualItems with
    {
        Payouts = new PayoutSettings { Enabled = true, BankAccount = "Checking", FeesAccount = "Bank Charges", AdjustmentsAccount = "Uncategorized Expense" },
    };

    [Fact]
    public async Task A_payout_waiting_for_an_order_reads_French_on_the_French_Sync_and_Reconcile_pages_and_English_on_the_English_one()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync("boutique-versements", settings: WaitingPayouts);
        await using var french = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await french.NewPageAsync();
        await SignUpInFrenchAsync(page, host, "Versements Érable inc.");

        await page.GotoAsync(host.Url($"/connections/{shop.Id}/sync"));
        await DashboardPages.SyncNowAsync(page, "Synchroniser maintenant");
        await ConnectedShop.WaitForEndedRunsAsync(host, shop, 1);
        await page.ReloadAsync();

        var issues = await host.State.Runs.ListOpenIssuesAsync(shop.Id, ct);
        var issue = issues.First(i => i.Kind == LinkKind.Payout && i.Message.Contains(" waits: order #", StringComparison.Ordinal));
        Assert.NotNull(issue.Detail);
        Assert.Equal("payout.waits", issue.Detail.Code);
        Assert.Matches(@"^payout \S+ of \d{4}-\d{2}-\d{2} waits: order #\S+ is not in QuickBooks yet", issue.Message);
        var id = Regex.Escape(issue.SourceId);
        // The record is named in French too ("versement … du …"), as its problem carries the name.
        var row = page.Locator("table.attention tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { NameRegex = new Regex($@"^versement {id} du \d{{4}}-\d{{2}}-\d{{2}}$") }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync(
            new Regex($@"^versement {id} du \d{{4}}-\d{{2}}-\d{{2}} attend : commande no \S+ n'est pas encore dans QuickBooks.*La prochaine exécution le dépose une fois ceux-ci inscrits\.$"));
        await Assertions.Expect(row).Not.ToContainTextAsync(issue.Message);
        await Assertions.Expect(row).Not.ToContainTextAsync("not in QuickBooks yet");
        await AssertAccessibleAsync(page);

        // The Reconcile page says why the payout has no deposit in the same words.
        var day = issue.Reference[^10..];
        await page.GotoAsync(host.Url($"/connections/{shop.Id}/reconcile?from={day}&to={day}"));
        var payoutRow = page.Locator("table.payouts tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = issue.SourceId, Exact = true }) });
        await Assertions.Expect(payoutRow.Locator("td").Last).ToContainTextAsync(new Regex($@"versement {id} du {Regex.Escape(day)} attend : commande no \S+ n'est pas encore dans QuickBooks"));
        await Assertions.Expect(payoutRow).Not.ToContainTextAsync("not in QuickBooks yet");

        await using var english = await browser.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var englishPage = await english.NewPageAsync();
        await englishPage.GotoAsync(host.Url("/sign-in"));
        await SignInAsync(englishPage, OwnerEmail, OwnerPassword);
        await DashboardPages.WaitForAddressAsync(englishPage, host.Url("/connections"));
        await englishPage.GotoAsync(host.Url($"/connections/{shop.Id}/sync"));
        var englishRow = englishPage.Locator("table.attention tbody tr").Filter(new() { Has = englishPage.GetByRole(AriaRole.Rowheader, new() { Name = issue.Reference, Exact = true }) });
        await Assertions.Expect(englishRow.Locator("td").First).ToHaveTextAsync(issue.Message);
    }
}
