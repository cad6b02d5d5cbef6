using System.CommandLine;
using System.Text.Json.Nodes;
using StoreBooks.Cli;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using Xunit;

namespace StoreBooks.Shopify.Tests.Connect;

/// <summary>A Shopify connection synced by <c>storebooks sync</c>: the emulator is both the shop and the QuickBooks company.</summary>
public sealed class ShopifySyncTests : IAsyncLifetime
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "storebooks-shopify-sync-" + Guid.NewGuid().ToString("N"));
    private EmulatorServer _emulator = null!;

    public async ValueTask InitializeAsync() =>
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Qbo = new QboEmulatorOptions { Realms = [QboCompanySettings.DefaultUs] } });

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Fact]
    public async Task Sync_reads_every_order_of_the_shop_through_the_saved_connection_and_posts_sales()
    {
        var url = _emulator.BaseUrl.AbsoluteUri;
        Assert.Equal(0, (await RunAsync("connect", "shopify", "--shop", "emu-shop", "--token", "demo-token", "--url", url, "--name", "shop")).Code);
        var qbo = await RunAsync("connect", "quickbooks", "--url", url, "--timeout", "30");
        Assert.True(qbo.Code == 0, qbo.Error + qbo.Output);
        var settings = await RunAsync("settings", "set", "syncStartDate=2000-01-01", "products.mode=Automatic", "products.incomeAccount=Sales of Product Income");
        Assert.True(settings.Code == 0, settings.Error + settings.Output);

        var sync = await RunAsync("sync");
        var status = JsonNode.Parse((await RunAsync("status", "--json")).Output)!;

        // Every order of the shop went through the sync (posted, waiting, skipped, failed for QuickBooks reasons, or not yet
        // due); none was a record the source could not read, and sales reached QuickBooks.
        Assert.True(sync.Code is 0 or 3, sync.Error + sync.Output);
        var counts = status["runs"]![0]!["counts"]!.AsObject();
        var orders = counts.Where(c => c.Key.StartsWith("orders.", StringComparison.Ordinal)).Sum(c => c.Value!.GetValue<int>());
        Assert.Equal(_emulator.Shopify.Shop.OrderCount, orders);
        Assert.Equal(0, counts["sourceProblems"]!.GetValue<int>());
        Assert.True(counts["orders.posted"]!.GetValue<int>() > 0, status.ToJsonString());
        Assert.DoesNotContain("Shopify", string.Join('\n', status["issues"]!.AsArray().Select(i => i!["message"]!.GetValue<string>())), StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StoreBooksCli.Build().Parse([.. args, "--home", _home]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
