using System.Net;
using StoreBooks.Core.State;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Sync.Connections;
using Xunit;

namespace StoreBooks.Dashboard.Tests.Adversarial;

/// <summary>
/// A user of another workspace who knows (or guesses) a connection's id: every page and every form of that connection, by GET and
/// by POST with a valid token of their own session, answers 404 and changes nothing, even with the real ids of its orders.
/// </summary>
public sealed class CrossWorkspaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Pages =
        ["", "/products", "/products/plan", "/sales", "/preview", "/sync", "/totals", "/sync/events", "/quickbooks/connect", "/totals?from=2020-01-01&to=2030-01-01"];

    [Fact]
    public async Task Every_page_and_every_form_of_another_workspace_s_connection_is_not_found_and_nothing_changes()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: ConnectedShop.ManualItems);
        using (await DashboardClient.SignedUpAsync(host))
        {
        }

        await host.Server.Jobs.RunAsync(shop.Id, "manual", Ct);
        var issues = await host.State.Runs.ListOpenIssuesAsync(shop.Id, Ct);
        Assert.True(issues.Count >= 2, "the demo shop's orders wait for their items");
        var (other, _) = await host.AddWorkspaceAsync("Other Books Ltd", "owner@other.example", "other owner password");
        var own = await host.AddConnectionAsync("other-shop", workspace: other.Id);
        using var intruder = await DashboardClient.SignedInAsync(host, "owner@other.example", "other owner password");
        var settingsBefore = (await host.State.Connections.GetAsync(shop.Id, Ct))!.Settings.ToJsonString();
        var runsBefore = (await host.State.Runs.ListRunsAsync(shop.Id, 50, Ct)).Count;
        var quickBooksBefore = EmulatorData.QuickBooksCounts(host);
        var dismissedBefore = (await host.State.Links.FindAsync(shop.Id, LinkKind.Sale, issues[1].SourceId, Ct))?.State;

        foreach (var page in Pages)
        {
            using var response = await intruder.GetAsync($"/connections/{shop.Id}{page}");
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET /connections/{{id}}{page} answered {(int)response.StatusCode} {response.Headers.Location}");
            Assert.DoesNotContain("demo-shop", body, StringComparison.Ordinal);
            Assert.DoesNotContain(issues[0].SourceId, body, StringComparison.Ordinal);
        }

        var token = await intruder.TokenAsync($"/connections/{own.Id}");
        var posts = new (string Path, Dictionary<string, string> Fields)[]
        {
            ($"/connections/{shop.Id}?handler=Disconnect", new()),
            ($"/connections/{shop.Id}/products", new() { ["products.mode"] = "Automatic", ["products.createAs"] = "NonInventory", ["products.incomeAccount"] = "1" }),
            ($"/connections/{shop.Id}/products/plan", new()),
            ($"/connections/{shop.Id}/products/plan?handler=Push", new()),
            ($"/connections/{shop.Id}/sales", new() { ["sales.document"] = "Invoice", ["sales.statuses"] = "Pending" }),
            ($"/connections/{shop.Id}/sync/now", new()),
            ($"/connections/{shop.Id}/sync/retry", new() { ["order"] = "id:" + issues[0].SourceId }),
            ($"/connections/{shop.Id}/sync/dismiss", new() { ["order"] = "id:" + issues[1].SourceId }),
            ($"/connections/{shop.Id}/totals", new()),
            ($"/connections/{shop.Id}/preview", new()),
            ($"/connections/{shop.Id}/reconcile", new()),
        };
        foreach (var (path, fields) in posts)
        {
            using var response = await intruder.PostAsync(path, token, fields);
            var body = await response.Content.ReadAsStringAsync(Ct);
            // The pages read by GET alone (Preview, Totals, Reconcile) answer a POST 405.
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.BadRequest,
                $"POST {path} answered {(int)response.StatusCode} {response.Headers.Location}");
            Assert.DoesNotContain("demo-shop", body, StringComparison.Ordinal);
        }

        await Task.Delay(500, Ct);
        var after = await host.State.Connections.GetAsync(shop.Id, Ct);
        Assert.Equal(settingsBefore, after!.Settings.ToJsonString());
        Assert.NotNull(after.QboRealmId);
        Assert.NotNull(await host.State.Credentials.GetAsync(shop.Id, CredentialTokenStore.System, Ct));
        Assert.False((await host.State.Schedule.GetAsync(shop.Id, Ct))?.Requested ?? false, "a sync was asked for");
        Assert.Equal(runsBefore, (await host.State.Runs.ListRunsAsync(shop.Id, 50, Ct)).Count);
        Assert.Equal(dismissedBefore, (await host.State.Links.FindAsync(shop.Id, LinkKind.Sale, issues[1].SourceId, Ct))?.State);
        Assert.Equal(issues.Count, (await host.State.Runs.ListOpenIssuesAsync(shop.Id, Ct)).Count);
        Assert.Equal(EmulatorData.Describe(quickBooksBefore), EmulatorData.Describe(EmulatorData.QuickBooksCounts(host)));
    }

    [Fact]
    public async Task Retry_and_dismiss_on_one_s_own_connection_cannot_reach_another_connection_s_order()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync("maple-shop", settings: ConnectedShop.ManualItems);
        using (await DashboardClient.SignedUpAsync(host))
        {
        }

        await host.Server.Jobs.RunAsync(shop.Id, "manual", Ct);
        var issues = await host.State.Runs.ListOpenIssuesAsync(shop.Id, Ct);
        var (other, _) = await host.AddWorkspaceAsync("Other Books Ltd", "owner@other.example", "other owner password");
        var own = await host.AddConnectedShopAsync("other-shop", workspace: other.Id, settings: ConnectedShop.ManualItems);
        using var intruder = await DashboardClient.SignedInAsync(host, "owner@other.example", "other owner password");
        var token = await intruder.TokenAsync($"/connections/{own.Id}/sync");
        var linkBefore = await host.State.Links.FindAsync(shop.Id, LinkKind.Sale, issues[0].SourceId, Ct);

        foreach (var handler in new[] { "dismiss", "retry" })
        {
            foreach (var order in new[] { "id:" + issues[0].SourceId, issues[0].Reference, "id:../../" + shop.Id, "id:", "", new string('9', 5000) })
            {
                using var response = await intruder.PostAsync($"/connections/{own.Id}/sync/{handler}", token, new() { ["order"] = order });
                Assert.True((int)response.StatusCode < 500, $"POST {handler} order={order[..Math.Min(order.Length, 40)]} answered {(int)response.StatusCode}");
            }
        }

        var linkAfter = await host.State.Links.FindAsync(shop.Id, LinkKind.Sale, issues[0].SourceId, Ct);
        Assert.Equal(linkBefore?.State, linkAfter?.State);
        Assert.Equal(issues.Count, (await host.State.Runs.ListOpenIssuesAsync(shop.Id, Ct)).Count);
        Assert.False((await host.State.Schedule.GetAsync(shop.Id, Ct))?.Requested ?? false, "a sync was asked for");
    }

    [Fact]
    public async Task An_unknown_or_malformed_connection_id_is_not_found_never_a_server_error()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = await DashboardClient.SignedUpAsync(host);
        foreach (var id in new[] { Guid.NewGuid().ToString(), Guid.Empty.ToString(), "not-a-guid", "..%2F..%2Fsign-up", "%00", new string('a', 3000), "1%27%20OR%201%3D1" })
        {
            foreach (var page in Pages)
            {
                using var response = await client.GetAsync($"/connections/{id}{page}");
                Assert.True((int)response.StatusCode is 404 or 400, $"GET /connections/{id[..Math.Min(id.Length, 40)]}{page} answered {(int)response.StatusCode}");
            }
        }
    }
}
