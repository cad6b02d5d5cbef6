using Microsoft.Playwright;
using StoreBooks.Core.Messages;
using StoreBooks.Core.State;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>Why a run stopped reads French on French pages (its code and arguments as the run log keeps them) and as the run wrote it on English ones.</summary>
public sealed class RunErrorsInFrenchTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_stopped_run_says_why_in_French_in_the_history_the_summary_and_the_connection_and_in_English_on_English_pages()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync("boutique-erable");
        var started = host.Time.GetUtcNow().AddMinutes(-5);
        var error = RunMessages.Stopped.With(("reason", "Response status code does not indicate success: 503 (Service Unavailable)."));
        var run = await host.State.Runs.StartAsync(shop.Id, "manual", started, ct);
        await host.State.Runs.FinishAsync(run with { FinishedAt = started.AddMinutes(1), Outcome = RunOutcome.Failed, Error = error.Text, ErrorDetail = error }, ct);
        Assert.Equal("The run stopped: Response status code does not indicate success: 503 (Service Unavailable).", error.Text);
        const string French = "L'exécution s'est arrêtée : Response status code does not indicate success: 503 (Service Unavailable).";

        await using var frenchContext = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA" });
        var page = await frenchContext.NewPageAsync();
        await SignUpInFrenchAsync(page, host);
        await page.GotoAsync(host.Url($"/connections/{shop.Id}/sync"));
        await Assertions.Expect(page.Locator("table.runs tbody tr").First.Locator("td").Last).ToHaveTextAsync(French);
        await Assertions.Expect(page.Locator("[data-live=summary]")).ToContainTextAsync(French);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("The run stopped");
        await page.GotoAsync(host.Url($"/connections/{shop.Id}"));
        await Assertions.Expect(page.Locator("section[aria-labelledby=last-error-heading] p")).ToHaveTextAsync(French);
        await AssertAccessibleAsync(page);

        await using var englishContext = await browser.Browser.NewContextAsync(new() { Locale = "en-US" });
        var english = await englishContext.NewPageAsync();
        await english.GotoAsync(host.Url("/sign-in"));
        await SignInAsync(english, OwnerEmail, OwnerPassword);
        await DashboardPages.WaitForAddressAsync(english, host.Url("/connections"));
        await english.GotoAsync(host.Url($"/connections/{shop.Id}/sync"));
        await Assertions.Expect(english.Locator("table.runs tbody tr").First.Locator("td").Last).ToHaveTextAsync(error.Text);
        await english.GotoAsync(host.Url($"/connections/{shop.Id}"));
        await Assertions.Expect(english.Locator("section[aria-labelledby=last-error-heading] p")).ToHaveTextAsync(error.Text);
    }
}
