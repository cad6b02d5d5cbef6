using System.Globalization;
using Microsoft.Playwright;
using StoreBooks.Core.Payouts;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Shopify;
using StoreBooks.Web.Dashboard.Formatting;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>
/// The Reconcile page of a connection: the demo shop's Shopify Payments payouts beside the deposits the sync made, each day's
/// figures, and what is still undeposited; in English and in French; closed to another workspace.
/// </summary>
public sealed class ReconcileTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Core.Connections.ConnectionSettings WithPayouts => ConnectedShop.Posting with
    {
        Payouts = new PayoutSettings { Enabled = true, BankAccount = "Checking", FeesAccount = "Bank Charges", AdjustmentsAccount = "Uncategorized Expense" },
    };

    [Theory]
    [InlineData("en-US", "Reconcile", "Payout", "Agrees", "reconcile")]
    [InlineData("fr-CA", "Rapprochement", "Versement", "Concorde", "reconcile-fr")]
    public async Task After_a_sync_the_page_shows_each_payout_beside_its_deposit_with_the_stores_amounts(string locale, string title, string payoutHeader, string agrees, string screenshot)
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: WithPayouts);
        var result = await host.Server.Jobs.RunAsync(shop.Id, "manual", Ct);
        Assert.Null(result.Run!.Error);

        // What the page must show, from the store's own payouts and QuickBooks' deposits.
        var today = DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-60);
        var source = new ShopifySource(new ShopifySourceOptions { Shop = "demo-shop.myshopify.com", AccessToken = "demo-token", BaseUrl = host.Emulator!.BaseUrl });
        var payouts = new List<StorePayout>();
        await foreach (var page0 in source.ReadPayoutsAsync(from, Ct))
        {
            payouts.AddRange(page0.Records.Where(p => p.IssuedOn >= from && p.IssuedOn <= today));
        }

        var paid = payouts.Where(p => p.State == StorePayoutState.Paid).ToList();
        Assert.NotEmpty(paid);
        var qbo = await ConnectedShop.QuickBooksAsync(host, shop);
        var deposits = await qbo.Deposits.QueryAsync(qbo.Deposits.Where(), Ct).ToListAsync(Ct);

        await using var context = await browser.Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        if (locale == "en-US")
        {
            await SignUpAsync(page, host);
        }
        else
        {
            await SignUpInFrenchAsync(page, host, "Maple Leaf Goods");
        }

        await page.GotoAsync(host.Url($"/connections/{shop.Id}/reconcile?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}"));

        var culture = CultureInfo.GetCultureInfo(locale);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{title} · demo-shop");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = locale == "en-US" ? "Pages of demo-shop" : "Pages de demo-shop" }).GetByRole(AriaRole.Link, new() { Name = title })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.Locator("table.payouts thead")).ToContainTextAsync(payoutHeader);
        var rows = page.Locator("table.payouts tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(payouts.Count);
        foreach (var payout in paid)
        {
            var row = rows.Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = payout.SourceId, Exact = true }) });
            var deposit = deposits.Single(d => d.PrivateNote!.Contains($"payout {payout.SourceId}]", StringComparison.Ordinal));
            Assert.Equal(payout.Amount, deposit.TotalAmt);
            await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(DisplayFormat.Amount(payout.Amount, "USD", culture));
            await Assertions.Expect(row.Locator("td").Nth(3)).ToContainTextAsync(DisplayFormat.Amount(deposit.TotalAmt!.Value, "USD", culture));
            await Assertions.Expect(row.Locator("td").Nth(3)).ToContainTextAsync(deposit.Id!);
            await Assertions.Expect(row.Locator("td").Last).ToHaveTextAsync(agrees);
        }

        // The period's fees: those of the paid payouts' balance transactions (a failed payout's are deposited with the one that sends it again).
        var fees = paid.Sum(p => p.Transactions.Sum(t => t.Fee));
        var failedFees = payouts.Where(p => p.State == StorePayoutState.Failed).Sum(p => p.Transactions.Sum(t => t.Fee));
        var feeRow = page.Locator("table.period-figures tbody tr").Last;
        var shown = await feeRow.Locator("td").First.TextContentAsync();
        Assert.Contains(shown!.Trim(), new[] { DisplayFormat.Amount(fees, "USD", culture), DisplayFormat.Amount(fees + failedFees, "USD", culture) });
        await Assertions.Expect(page.Locator("table.period-figures tbody tr")).ToHaveCountAsync(6);
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, screenshot);
    }

    [Fact]
    public async Task Another_workspace_cannot_open_a_connections_Reconcile_page()
    {
        await using var host = await DashboardHost.StartAsync();
        var first = await host.AddConnectionAsync("maple-shop");
        await using (var owner = await browser.Browser.NewContextAsync())
        {
            await SignUpAsync(await owner.NewPageAsync(), host);
        }

        await host.AddWorkspaceAsync("Other Books Ltd", "owner@other.example", "other owner password");
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Url("/sign-in"));
        await SignInAsync(page, "owner@other.example", "other owner password");
        await DashboardPages.WaitForAddressAsync(page, host.Url("/connections"));

        var response = await page.GotoAsync(host.Url($"/connections/{first.Id}/reconcile?from=2026-01-01&to=2026-01-31"));

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connection not found" })).ToBeVisibleAsync();
        Assert.DoesNotContain("maple-shop", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused_in_words()
    {
        await using var host = await DashboardHost.StartAsync();
        var shop = await host.AddConnectionAsync("maple-shop");
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        await page.GotoAsync(host.Url($"/connections/{shop.Id}/reconcile?from=2026-02-01&to=2026-01-01"));

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The period ends before it starts; choose a first day on or before the last.");
        await Assertions.Expect(page.Locator("table")).ToHaveCountAsync(0);
    }
}
