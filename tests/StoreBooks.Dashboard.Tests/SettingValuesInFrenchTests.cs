using Microsoft.Playwright;
using StoreBooks.Core.Connections;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>A value a settings page cannot read as its setting's type is refused at its field in the reader's language.</summary>
public sealed class SettingValuesInFrenchTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_date_written_day_first_is_refused_in_French_at_its_field_with_how_to_write_it()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var connection = await host.AddConnectedShopAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA" });
        var page = await context.NewPageAsync();
        await SignUpInFrenchAsync(page, host);
        await page.GotoAsync(host.Url($"/connections/{connection.Id}/sales"));

        // A browser without a date picker sends the day as it was typed.
        var field = page.GetByLabel("Date de début de la synchronisation", new() { Exact = true });
        await field.EvaluateAsync("input => input.type = 'text'");
        await field.FillAsync("31/01/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les paramètres de ventes" }).ClickAsync();

        var message = page.Locator("#field-syncStartDate-message");
        await Assertions.Expect(message).ToHaveTextAsync("« 31/01/2026 » n'est pas une date écrite AAAA-MM-JJ (pour le 31 janvier 2026, écrivez 2026-01-31).");
        await Assertions.Expect(page.GetByLabel("Date de début de la synchronisation", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Null(ConnectionSettings.From((await host.State.Connections.GetAsync(connection.Id, CancellationToken.None))!.Settings).SyncStartDate);

        // The command line refuses the same value in English.
        SettingsEdit.Apply(new ConnectionSettings(), [new("syncStartDate", "31/01/2026")], out var problems);
        Assert.Equal("\"31/01/2026\" is not a date written YYYY-MM-DD (for 31 January 2026, write 2026-01-31).", Assert.Single(problems).Message);
        await AssertAccessibleAsync(page);
    }
}
