using System.Net;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;

namespace StoreBooks.Dashboard.Tests.Adversarial;

/// <summary>
/// Values no form offers (a made-up mode, an account of no company, a date that is not one, a period of centuries), pages asked
/// for without a session, and a second sign-up: refused in words or ignored, never a server error, never saved half.
/// </summary>
public sealed class HostileValuesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Settings_no_form_offers_are_refused_and_the_saved_settings_stay_as_they_were()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync();
        using var client = await DashboardClient.SignedUpAsync(host);
        var before = (await host.State.Connections.GetAsync(shop.Id, Ct))!.Settings.ToJsonString();

        var products = new Dictionary<string, string>[]
        {
            new() { ["products.mode"] = "Bogus", ["products.createAs"] = "NonInventory" },
            new() { ["products.mode"] = "Automatic", ["products.createAs"] = "Inventory; DROP TABLE connections" },
            new() { ["products.mode"] = "Automatic", ["products.createAs"] = "NonInventory", ["products.incomeAccount"] = "999999" },
            new() { ["products.mode"] = "Automatic", ["products.createAs"] = "NonInventory", ["products.incomeAccount"] = "../../1" },
            new() { ["products.mode"] = "Manual", ["products.inventoryStartDate"] = "not-a-date" },
            new() { ["products.mode"] = "Automatic", ["products.createAs"] = "Inventory", ["products.inventoryStartDate"] = "9999-12-31" },
            // With every account right and no sync start date, only the date is wrong: inventory starts on a day that has passed.
            new()
            {
                ["products.mode"] = "Automatic", ["products.createAs"] = "Inventory", ["products.inventoryStartDate"] = "2999-01-01",
                ["products.incomeAccount"] = "Sales of Product Income", ["products.expenseAccount"] = "Cost of Goods Sold", ["products.inventoryAssetAccount"] = "Inventory Asset",
            },
            new() { ["products.mode"] = "Manual", ["products.variantNameTemplate"] = new string('{', 5000) },
        };
        foreach (var fields in products)
        {
            var token = await client.TokenAsync($"/connections/{shop.Id}/products");
            using var response = await client.PostAsync($"/connections/{shop.Id}/products", token, fields);
            var body = await response.Content.ReadAsStringAsync(Ct);
            var what = string.Join("&", fields.Select(f => $"{f.Key}={f.Value[..Math.Min(f.Value.Length, 30)]}"));
            Assert.True((int)response.StatusCode < 500, $"{what} answered {(int)response.StatusCode}");
            Assert.True(response.StatusCode != HttpStatusCode.Redirect || !body.Contains("saved", StringComparison.OrdinalIgnoreCase), $"{what} was saved");
            Assert.Equal(before, (await host.State.Connections.GetAsync(shop.Id, Ct))!.Settings.ToJsonString());
        }

        var sales = new Dictionary<string, string>[]
        {
            new() { ["sales.document"] = "Bogus", ["sales.statuses"] = "Paid" },
            new() { ["sales.document"] = "Invoice", ["sales.statuses"] = "Bogus" },
            new() { ["sales.document"] = "SalesReceipt", ["sales.statuses"] = "Paid", ["sales.useOrderNumbers"] = "true", ["sales.docNumberPrefix"] = new string('P', 10_000) },
            new() { ["sales.document"] = "SalesReceipt", ["sales.statuses"] = "Paid", ["sales.discountAccount"] = "999999" },
            new() { ["sales.document"] = "SalesReceipt", ["sales.statuses"] = "Paid", ["sales.defaultDepositAccount"] = "No Such Bank" },
        };
        foreach (var fields in sales)
        {
            var token = await client.TokenAsync($"/connections/{shop.Id}/sales");
            using var response = await client.PostAsync($"/connections/{shop.Id}/sales", token, fields);
            var what = string.Join("&", fields.Select(f => $"{f.Key}={f.Value[..Math.Min(f.Value.Length, 30)]}"));
            Assert.True((int)response.StatusCode < 500, $"{what} answered {(int)response.StatusCode}");
            var after = (await host.State.Connections.GetAsync(shop.Id, Ct))!.Settings.ToJsonString();
            Assert.True(before == after, $"{what} was saved: {after}");
        }
    }

    [Fact]
    public async Task Totals_for_a_period_that_is_not_one_answer_in_words_never_a_server_error()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: ConnectedShop.Posting);
        using var client = await DashboardClient.SignedUpAsync(host);
        foreach (var query in new[] { "?from=abc&to=def", "?from=0001-01-01&to=9999-12-31", "?from=2025-01-01&to=2025-01-01", "?from=2030-01-01&to=2030-02-01", "?from=2025-12-31&to=2025-01-01", "?from=" + new string('9', 3000) })
        {
            using var response = await client.GetAsync($"/connections/{shop.Id}/totals{query}");
            Assert.True((int)response.StatusCode is 200 or 400 or 422, $"totals{query[..Math.Min(query.Length, 40)]} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Without_a_session_every_page_and_the_live_progress_send_to_sign_in_and_no_form_acts()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: ConnectedShop.Posting);
        using (await DashboardClient.SignedUpAsync(host))
        {
        }

        using var anonymous = new DashboardClient(host);
        foreach (var path in new[] { "/connections", "/connections/add", "/products", "/sales", "/preview", "/sync", "/totals", $"/connections/{shop.Id}", $"/connections/{shop.Id}/preview",
            $"/connections/{shop.Id}/sync", $"/connections/{shop.Id}/sync/events", $"/connections/{shop.Id}/totals", $"/connections/{shop.Id}/products/plan", $"/connections/{shop.Id}/quickbooks/connect" })
        {
            using var response = await anonymous.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"GET {path} without a session answered {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.StartsWith("/sign-in", response.Headers.Location!.OriginalString.Replace(host.BaseUrl.AbsoluteUri.TrimEnd('/'), "", StringComparison.Ordinal), StringComparison.Ordinal);
            }

            Assert.DoesNotContain("demo-shop", body, StringComparison.Ordinal);
        }

        // A token of the sign-in page (a session-less one) opens no signed-in form.
        var token = await anonymous.TokenAsync("/sign-in");
        foreach (var path in new[] { $"/connections/{shop.Id}/sync/now", $"/connections/{shop.Id}?handler=Disconnect", $"/connections/{shop.Id}/products/plan" })
        {
            using var response = await anonymous.PostAsync(path, token, new());
            Assert.True((int)response.StatusCode is 302 or 400 or 401 or 404, $"POST {path} without a session answered {(int)response.StatusCode}");
        }

        Assert.False((await host.State.Schedule.GetAsync(shop.Id, Ct))?.Requested ?? false);
        Assert.NotNull((await host.State.Connections.GetAsync(shop.Id, Ct))!.QboRealmId);
    }

    [Fact]
    public async Task A_second_sign_up_once_the_owner_exists_makes_no_user()
    {
        await using var host = await DashboardHost.StartAsync();
        using (await DashboardClient.SignedUpAsync(host))
        {
        }

        using var late = new DashboardClient(host);
        var token = await late.TokenAsync("/sign-in");
        using var response = await late.PostAsync("/sign-up", token, new()
        {
            ["BusinessName"] = "Takeover Ltd", ["Email"] = "takeover@example.com", ["Password"] = "takeover password", ["ConfirmPassword"] = "takeover password",
        });

        Assert.True((int)response.StatusCode is 302 or 400 or 403 or 404 or 409, $"answered {(int)response.StatusCode}");
        Assert.Null(await host.State.Users.FindByEmailAsync("takeover@example.com", Ct));
        Assert.Single(await host.State.Workspaces.ListAsync(Ct));
        Assert.DoesNotContain(late.Cookies.GetAllCookies(), c => c.Name == "storebooks.session");
    }
}
