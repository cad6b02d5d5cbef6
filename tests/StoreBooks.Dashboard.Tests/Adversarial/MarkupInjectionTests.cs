using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests.Adversarial;

/// <summary>
/// Markup and script in what merchants and their buyers type (a connection's name, a business name, a product's title, a SKU,
/// a buyer's name, an order's name, the issue messages quoting them): every page shows them as text, and the Content-Security-Policy
/// would forbid an inline script anyway.
/// </summary>
public sealed class MarkupInjectionTests(BrowserFixture browser)
{
    private const string Script = "<script>window.__pwned=1</script>";
    private const string Image = "<img src=x onerror=\"window.__pwned=2\">";
    private const string Payload = "Evil" + Script + Image + "\"'";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Script_in_names_titles_SKUs_buyers_and_issue_messages_is_shown_as_text_on_every_page()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync("shop" + Payload, settings: ConnectedShop.ManualItems);
        await AddEvilProductAsync(host);
        var model = await EmulatorData.PaidOrderAsync(host);
        var orderId = await EmulatorData.AddOrderAsync(host, model, "#9" + Payload, order =>
        {
            var line = EmulatorData.FirstLine(order);
            line["sku"] = "SKU" + Payload;
            line["title"] = "Title" + Payload;
            line["name"] = "Title" + Payload;
            line.Remove("product_id");
            line.Remove("variant_id");
            order["note"] = "Note" + Payload;
            if (order["customer"] is JsonObject customer)
            {
                customer["first_name"] = "Buyer" + Payload;
                customer.Remove("id");
            }

            if (order["billing_address"] is JsonObject billing)
            {
                billing["first_name"] = "Buyer" + Payload;
                billing["name"] = "Buyer" + Payload;
            }
        });
        await host.Server.Jobs.RunAsync(shop.Id, "manual", Ct);
        var issues = await host.State.Runs.ListOpenIssuesAsync(shop.Id, Ct);
        Assert.Contains(issues, i => i.SourceId == orderId);

        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await SignUpAsync(page, host, "Business" + Payload);

        var paths = new[]
        {
            "/connections", $"/connections/{shop.Id}", "/products", $"/connections/{shop.Id}/products", $"/connections/{shop.Id}/products/plan",
            "/sales", $"/connections/{shop.Id}/sales", $"/connections/{shop.Id}/preview", $"/connections/{shop.Id}/sync",
            $"/connections/{shop.Id}/totals",
        };
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(host.Url(path));
            Assert.True(response!.Status == 200, $"{path} answered {response.Status}");
            var raw = await response.TextAsync();
            AssertNoLiveMarkup(path, raw);
            Assert.Equal(0, await page.Locator("script:not([src]), img[src=x], [onerror]").CountAsync());
            foreach (var src in await page.Locator("script[src]").EvaluateAllAsync<string[]>("s => s.map(e => e.getAttribute('src'))"))
            {
                Assert.StartsWith("/static/", src, StringComparison.Ordinal);
            }

            Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
            var policy = (await response.AllHeadersAsync())["content-security-policy"];
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            var text = await page.Locator("body").InnerTextAsync();
            foreach (var marker in new[] { "shopEvil", "SKUEvil", "BuyerEvil", "TitleEvil", "#9Evil" })
            {
                if (text.Contains(marker + Script, StringComparison.Ordinal))
                {
                    shown.Add(marker);
                }
            }
        }

        // The names were shown (as text, whole), so the checks above looked at them.
        Assert.Contains("shopEvil", shown);
        Assert.Contains("SKUEvil", shown);
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task Script_in_a_connection_name_typed_on_the_add_form_is_kept_as_text()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        using var client = await DashboardClient.SignedUpAsync(host);
        var token = await client.TokenAsync("/connections/add?store=shopify");
        using var added = await client.PostAsync("/connections/add?store=shopify&handler=Shopify", token, new()
        {
            ["Name"] = "n" + Payload, ["ShopDomain"] = "demo-shop.myshopify.com", ["AccessToken"] = "demo-token", ["ApiAddress"] = host.Emulator!.BaseUrl.AbsoluteUri,
        });
        var body = await added.Content.ReadAsStringAsync(Ct);
        AssertNoLiveMarkup("the add form's answer", body);

        // Saved or refused in words; either way the pages show no live markup.
        foreach (var path in new[] { "/connections", added.Headers.Location?.OriginalString ?? "/connections" })
        {
            AssertNoLiveMarkup(path, await client.GetTextAsync(path));
        }

        // A shop domain with markup is refused before any call, and the refusal quotes it as text.
        token = await client.TokenAsync("/connections/add?store=shopify");
        using var refused = await client.PostAsync("/connections/add?store=shopify&handler=Shopify", token, new()
        {
            ["Name"] = "other", ["ShopDomain"] = Payload + ".myshopify.com", ["AccessToken"] = "demo-token", ["ApiAddress"] = host.Emulator.BaseUrl.AbsoluteUri,
        });
        Assert.True((int)refused.StatusCode < 500, $"answered {(int)refused.StatusCode}");
        AssertNoLiveMarkup("the refused shop domain", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Null(await host.State.Connections.FindByNameAsync("other", Ct));
    }

    [Fact]
    public async Task The_QuickBooks_callback_shows_an_error_description_as_text()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        using var client = await DashboardClient.SignedUpAsync(host);
        using var response = await client.GetAsync("/quickbooks/callback?error=" + Uri.EscapeDataString(Payload) + "&error_description=" + Uri.EscapeDataString(Payload) + "&state=" + Uri.EscapeDataString(Payload));
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"answered {(int)response.StatusCode}");
        AssertNoLiveMarkup("the callback", await response.Content.ReadAsStringAsync(Ct));
        Assert.True(response.Headers.Contains("Content-Security-Policy"), "the callback's page has no Content-Security-Policy");
    }

    internal static void AssertNoLiveMarkup(string where, string html)
    {
        Assert.False(html.Contains(Script, StringComparison.OrdinalIgnoreCase), $"{where} has the injected <script> as markup");
        Assert.False(html.Contains("<img src=x", StringComparison.OrdinalIgnoreCase), $"{where} has the injected <img> as markup");
        Assert.False(html.Contains("onerror=\"window", StringComparison.OrdinalIgnoreCase) && html.Contains("<img", StringComparison.OrdinalIgnoreCase)
            && System.Text.RegularExpressions.Regex.IsMatch(html, "<[a-z]+[^>]*\\sonerror=", System.Text.RegularExpressions.RegexOptions.IgnoreCase),
            $"{where} has an element with the injected onerror attribute");
    }

    private static async Task AddEvilProductAsync(DashboardHost host)
    {
        using var http = new HttpClient { BaseAddress = host.Emulator!.BaseUrl };
        var product = new JsonObject
        {
            ["title"] = "Product" + Payload,
            ["handle"] = "evil-product",
            ["status"] = "active",
            ["vendor"] = "Vendor" + Payload,
            ["variants"] = new JsonArray(new JsonObject { ["sku"] = "PSKU" + Payload, ["price"] = "12.00", ["title"] = "Default Title" }),
        };
        using var response = await http.PostAsJsonAsync("emulator/shopify/products", product, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
