using System.CommandLine;
using System.Text;
using StoreBooks.Cli.Connect;
using StoreBooks.Shopify.Tests.Fixtures;
using StoreBooks.Shopify.Tests.Support;
using StoreBooks.Storage;
using Xunit;

namespace StoreBooks.Shopify.Tests.Connect;

/// <summary><c>storebooks connect shopify</c> end to end: a temporary home, the emulator as the shop.</summary>
public sealed class ConnectShopifyCommandTests(ShopifyEmulatorFixture emulator) : IClassFixture<ShopifyEmulatorFixture>, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("storebooks-connect-shopify-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task Connect_checks_the_token_saves_the_connection_and_stores_the_token_encrypted()
    {
        var (code, output, error) = await RunAsync("connect", "shopify", "--shop", "emu-shop", "--token", "demo-token", "--url", emulator.BaseUrl.ToString(), "--name", "harbor", "--home", _home);

        Assert.True(code == 0, error);
        Assert.Contains($"Connection \"harbor\" created in {Path.Combine(_home, "storebooks.db")}", output, StringComparison.Ordinal);
        Assert.Contains("shop:        emu-shop (emu-shop.myshopify.com), prices in USD", output, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-token", output, StringComparison.Ordinal);

        await using (var store = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(_home), Ct))
        {
            var connection = await store.Connections.FindByNameAsync("harbor", Ct);
            Assert.NotNull(connection);
            Assert.Equal("shopify", connection.SourceKind);
            Assert.Equal("emu-shop.myshopify.com", (string?)connection.SourceSettings["shop"]);
            Assert.Equal(emulator.BaseUrl.ToString(), (string?)connection.SourceSettings["baseUrl"]);
            Assert.Equal("2025-07", (string?)connection.SourceSettings["apiVersion"]);
            var secret = await store.Credentials.GetAsync(connection.Id, "shopify", Ct);
            Assert.Equal("demo-token", secret?.Value);

            // The connection as saved reads the shop.
            var source = ShopifySource.FromConnection(connection, secret!, limits: new StoreBooks.Shopify.Http.ShopifyRateLimits(emulator.Clock));
            Assert.Equal(emulator.Server.Shopify.Shop.OrderCount, (await ShopifyFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct))).Count);
        }

        var token = Encoding.UTF8.GetBytes("demo-token");
        foreach (var file in Directory.GetFiles(_home))
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(token) < 0, $"{Path.GetFileName(file)} holds the token in clear");
        }
    }

    [Fact]
    public async Task Connecting_again_updates_the_connection_and_its_token()
    {
        await RunAsync("connect", "shopify", "--shop", "emu-shop.myshopify.com", "--token", "demo-token", "--url", emulator.BaseUrl.ToString(), "--home", _home);

        var (code, output, error) = await RunAsync("connect", "shopify", "--shop", "emu-shop.myshopify.com", "--token", "demo-token", "--url", emulator.BaseUrl.ToString(), "--api-version", "2026-07", "--home", _home);

        Assert.True(code == 0, error);
        Assert.Contains("Connection \"shopify\" updated", output, StringComparison.Ordinal);
        Assert.Contains("admin/api/2026-07/", output, StringComparison.Ordinal);
        await using var store = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(_home), Ct);
        var connection = Assert.Single(await store.Connections.ListAsync(Ct));
        Assert.Equal("2026-07", (string?)connection.SourceSettings["apiVersion"]);
        Assert.Equal(2, (await store.Credentials.GetAsync(connection.Id, "shopify", Ct))!.Version);
    }

    [Fact]
    public async Task A_refused_token_is_explained_and_nothing_is_saved()
    {
        var (code, output, error) = await RunAsync("connect", "shopify", "--shop", "emu-shop", "--token", "shpat_not_this_one", "--url", emulator.BaseUrl.ToString(), "--home", _home);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("Shopify refused the access token for emu-shop.myshopify.com (401: [API] Invalid API key or access token", error, StringComparison.Ordinal);
        Assert.Contains("Develop apps → API credentials", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_home, "storebooks.db")));
    }

    [Fact]
    public async Task A_name_taken_by_another_kind_of_store_is_refused()
    {
        await using (var store = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(_home), Ct))
        {
            await store.Connections.AddAsync(new Core.Connections.Connection { Id = Guid.NewGuid(), Name = "main", SourceKind = "csv" }, Ct);
        }

        var (code, _, error) = await RunAsync("connect", "shopify", "--shop", "emu-shop", "--token", "demo-token", "--url", emulator.BaseUrl.ToString(), "--name", "main", "--home", _home);

        Assert.Equal(1, code);
        Assert.Contains("Connection \"main\" reads from csv, not from Shopify. Choose another name with --name.", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand("StoreBooks");
        ConnectCommands.AddTo(root);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, Ct);
        return (code, output.ToString(), error.ToString());
    }
}
