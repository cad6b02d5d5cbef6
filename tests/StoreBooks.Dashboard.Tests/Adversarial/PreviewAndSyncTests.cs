using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StoreBooks.Core.State;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests.Adversarial;

/// <summary>
/// Preview and Sync on orders as real shops have them (a tip, import duties, an unpaid order, a free order, two buyers of the same
/// name, a line of quantity 0): the preview changes nothing in QuickBooks nor in StoreBooks, what it announces is what the sync
/// then posts, and a double-clicked "Sync now" makes one run.
/// </summary>
public sealed partial class PreviewAndSyncTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_preview_of_unusual_orders_changes_nothing_and_announces_what_the_sync_then_posts()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: ConnectedShop.Posting);
        var added = await AddUnusualOrdersAsync(host);
        using var client = await DashboardClient.SignedUpAsync(host);
        var quickBooksBefore = EmulatorData.QuickBooksCounts(host);
        var changes = 0;
        host.Emulator!.Qbo.Companies.Changed += _ => Interlocked.Increment(ref changes);

        var first = await client.GetTextAsync($"/connections/{shop.Id}/preview");
        var again = await client.GetTextAsync($"/connections/{shop.Id}/preview");

        Assert.Equal(0, changes);
        Assert.Equal(EmulatorData.Describe(quickBooksBefore), EmulatorData.Describe(EmulatorData.QuickBooksCounts(host)));
        Assert.Empty(await host.State.Runs.ListRunsAsync(shop.Id, 10, Ct));
        Assert.Empty(await host.State.Links.ListAsync(shop.Id, LinkKind.Sale, null, Ct));
        Assert.Empty(await host.State.Runs.ListOpenIssuesAsync(shop.Id, Ct));
        Assert.False((await host.State.Schedule.GetAsync(shop.Id, Ct))?.Requested ?? false);
        var announced = Receipts(first);
        Assert.Equal(announced, Receipts(again));
        Assert.True(announced > 0, "the preview announces no sales receipt");
        foreach (var number in new[] { "9101", "9102", "9104", "9105", "9106" })
        {
            Assert.Contains($"<th scope=\"row\">{number}</th>", first, StringComparison.Ordinal);
        }

        // A line of quantity 0 holds its order back, saying which line and why.
        Assert.Contains("#9107, line 4", first, StringComparison.Ordinal);
        Assert.Contains("quantity 0.00 must be more than 0", first, StringComparison.Ordinal);

        // The sync then posts what was announced, each unusual order included, and the unpaid one waits or is left out.
        var result = await host.Server.Jobs.RunAsync(shop.Id, "manual", Ct);
        Assert.Null(result.Run!.Error);
        var after = EmulatorData.QuickBooksCounts(host);
        Assert.Equal(announced, after.GetValueOrDefault("SalesReceipt") - quickBooksBefore.GetValueOrDefault("SalesReceipt"));
        foreach (var (name, id) in added.Where(a => a.Key is not "#9103" and not "#9107"))
        {
            var link = await host.State.Links.FindAsync(shop.Id, LinkKind.Sale, id, Ct);
            Assert.True(link?.State == LinkState.Done, $"{name} was not posted: {link?.State} {link?.Message}");
        }

        Assert.NotEqual(LinkState.Done, (await host.State.Links.FindAsync(shop.Id, LinkKind.Sale, added["#9103"], Ct))?.State);
        Assert.NotEqual(LinkState.Done, (await host.State.Links.FindAsync(shop.Id, LinkKind.Sale, added["#9107"], Ct))?.State);
        Assert.Contains(await host.State.Runs.ListOpenIssuesAsync(shop.Id, Ct), i => i.SourceId == added["#9107"]);
        // Two buyers of the same name stay two customers.
        using var qbo = await ConnectedShop.QuickBooksAsync(host, shop);
        var customers = await qbo.Customers.QueryAsync(qbo.Customers.Where(), Ct).ToListAsync(Ct);
        Assert.Equal(2, customers.Count(c => (c.DisplayName ?? "").StartsWith("Alex Martin", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_double_clicked_Sync_now_makes_one_run_and_posts_each_order_once()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: ConnectedShop.Posting);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await page.GotoAsync(host.Url($"/connections/{shop.Id}/sync"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).DblClickAsync();
        // And a script posting the same form twice at once, as a second tab would.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var posts = Enumerable.Range(0, 2).Select(_ => context.APIRequest.PostAsync(host.Url($"/connections/{shop.Id}/sync/now"), new()
        {
            Form = context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!),
            MaxRedirects = 0,
        }));
        await Task.WhenAll(posts);

        await ConnectedShop.WaitForEndedRunsAsync(host, shop, 1);
        await Task.Delay(1500, Ct);
        await ConnectedShop.WaitForEndedRunsAsync(host, shop, 1);
        var runs = await host.State.Runs.ListRunsAsync(shop.Id, 50, Ct);
        // The clicks all came while the first run was asked for or running: at most one more run, which posts nothing again.
        Assert.True(runs.Count <= 2, $"{runs.Count} runs for one double click");
        var posted = runs.Sum(r => r.Counts.GetValueOrDefault("orders.posted"));
        var done = await host.State.Links.ListAsync(shop.Id, LinkKind.Sale, LinkState.Done, Ct);
        Assert.Equal(done.Count, posted);
        using var qbo = await ConnectedShop.QuickBooksAsync(host, shop);
        var receipts = await qbo.SalesReceipts.QueryAsync(qbo.SalesReceipts.Where(), Ct).ToListAsync(Ct);
        Assert.Equal(receipts.Count, receipts.Select(r => r.DocNumber).Distinct().Count());
    }

    [Fact]
    public async Task The_preview_in_French_writes_amounts_and_dates_the_French_way()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync("boutique-erable", settings: ConnectedShop.Posting);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host, "Produits Érable inc.", businessLabel: "Nom de l'entreprise", emailLabel: "Courriel", passwordLabel: "Mot de passe",
            confirmLabel: "Confirmer le mot de passe", button: "Créer le compte");

        await page.GotoAsync(host.Url($"/connections/{shop.Id}/preview"), new() { Timeout = 60_000 });

        var amounts = await page.Locator("table.documents tbody td.number").AllInnerTextsAsync();
        Assert.NotEmpty(amounts);
        foreach (var amount in amounts.Select(a => a.Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim()).Where(a => a.Length > 0))
        {
            Assert.Matches(FrenchAmount(), amount);
        }

        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotMatch(EnglishMonth(), text);
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
    }

    private static int Receipts(string html) => Regex.Matches(html, "Sales receipt").Count;

    /// <summary>Adds the unusual orders to the demo shop; answers their ids by name.</summary>
    private static async Task<Dictionary<string, string>> AddUnusualOrdersAsync(DashboardHost host)
    {
        var model = await EmulatorData.PaidOrderAsync(host);
        var total = decimal.Parse((string)model["total_price"]!, CultureInfo.InvariantCulture);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var currency = (string)model["currency"]!;
        void Total(JsonObject order, decimal amount)
        {
            foreach (var key in new[] { "total_price", "current_total_price" })
            {
                EmulatorData.SetMoney(order, key, amount, currency);
            }

            foreach (var transaction in (order["transactions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                transaction["amount"] = EmulatorData.Money(amount);
            }
        }

        ids["#9101"] = await EmulatorData.AddOrderAsync(host, model, "#9101", order =>
        {
            order["total_tip_received"] = "5.00";
            EmulatorData.SetMoney(order, "total_tip_received", 5m, currency);
            Total(order, total + 5m);
        });
        ids["#9102"] = await EmulatorData.AddOrderAsync(host, model, "#9102", order =>
        {
            EmulatorData.FirstLine(order)["duties"] = new JsonArray(new JsonObject
            {
                ["id"] = 1, ["harmonized_system_code"] = "610910", ["country_code_of_origin"] = "PT",
                ["price_set"] = new JsonObject { ["shop_money"] = new JsonObject { ["amount"] = "7.50", ["currency_code"] = (string)order["currency"]! } },
                ["tax_lines"] = new JsonArray(),
            });
            EmulatorData.SetMoney(order, "current_total_duties", 7.50m, currency);
            EmulatorData.SetMoney(order, "original_total_duties", 7.50m, currency);
            Total(order, total + 7.50m);
        });
        ids["#9103"] = await EmulatorData.AddOrderAsync(host, model, "#9103", order =>
        {
            order["financial_status"] = "pending";
            order["transactions"] = new JsonArray();
        });
        ids["#9104"] = await EmulatorData.AddOrderAsync(host, model, "#9104", order =>
        {
            foreach (var line in order["line_items"]!.AsArray().OfType<JsonObject>())
            {
                EmulatorData.SetMoney(line, "price", 0m, currency);
                EmulatorData.SetMoney(line, "total_discount", 0m, currency);
                line["tax_lines"] = new JsonArray();
                line["discount_allocations"] = new JsonArray();
            }

            order["shipping_lines"] = new JsonArray();
            order["tax_lines"] = new JsonArray();
            order["discount_codes"] = new JsonArray();
            order["discount_applications"] = new JsonArray();
            foreach (var key in new[] { "subtotal_price", "total_line_items_price", "total_tax", "total_discounts", "current_subtotal_price", "current_total_tax", "current_total_discounts", "total_shipping_price" })
            {
                EmulatorData.SetMoney(order, key, 0m, currency);
            }

            Total(order, 0m);
            order["transactions"] = new JsonArray();
        });
        foreach (var (name, email) in new[] { ("#9105", "alex.martin@example.com"), ("#9106", "alex.m.1987@example.net") })
        {
            ids[name] = await EmulatorData.AddOrderAsync(host, model, name, order =>
            {
                order["email"] = email;
                order["contact_email"] = email;
                order["customer"] = new JsonObject { ["first_name"] = "Alex", ["last_name"] = "Martin", ["email"] = email };
                foreach (var address in new[] { "billing_address", "shipping_address" })
                {
                    if (order[address] is JsonObject a)
                    {
                        a["first_name"] = "Alex";
                        a["last_name"] = "Martin";
                        a["name"] = "Alex Martin";
                    }
                }
            });
        }

        ids["#9107"] = await EmulatorData.AddOrderAsync(host, model, "#9107", order =>
        {
            var zero = (JsonObject)EmulatorData.FirstLine(order).DeepClone();
            zero["quantity"] = 0;
            zero["tax_lines"] = new JsonArray();
            zero["discount_allocations"] = new JsonArray();
            order["line_items"]!.AsArray().Add(zero);
        });
        return ids;
    }

    [GeneratedRegex(@"^-?\d{1,3}( \d{3})*,\d{2} (\$|\$ US|USD|CAD|\$ CA)$")]
    private static partial Regex FrenchAmount();

    [GeneratedRegex(@"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b")]
    private static partial Regex EnglishMonth();
}
