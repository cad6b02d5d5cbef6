using System.CommandLine;
using System.Text;
using StoreBooks.Cli.Connect;
using StoreBooks.Storage;
using StoreBooks.WooCommerce.Tests.Fixtures;
using StoreBooks.WooCommerce.Tests.Support;
using Xunit;

namespace StoreBooks.WooCommerce.Tests.Connect;

/// <summary><c>storebooks connect woocommerce</c> end to end: a temporary home, the emulator as the site (plain http, so OAuth 1.0a).</summary>
public sealed class ConnectWooCommerceCommandTests(WooEmulatorFixture emulator) : IClassFixture<WooEmulatorFixture>, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("storebooks-connect-woo-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Site => emulator.BaseUrl.AbsoluteUri.TrimEnd('/');

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task Connect_checks_the_key_saves_the_connection_and_stores_key_and_secret_encrypted()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);

        var (code, output, error) = await RunAsync("connect", "woocommerce", "--url", Site, "--key", "ck_demo", "--secret", "cs_demo", "--name", "harbor-woo", "--home", _home);

        Assert.True(code == 0, error);
        Assert.Contains($"Connection \"harbor-woo\" created in {Path.Combine(_home, "storebooks.db")}", output, StringComparison.Ordinal);
        Assert.Contains($"site:        {Site} ({emulator.Server.WooCommerce.Store.OrderCount} orders)", output, StringComparison.Ordinal);
        Assert.Contains("plain http: every request signed with OAuth 1.0a", output, StringComparison.Ordinal);
        Assert.DoesNotContain("cs_demo", output, StringComparison.Ordinal);

        await using (var store = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(_home), Ct))
        {
            var connection = await store.Connections.FindByNameAsync("harbor-woo", Ct);
            Assert.NotNull(connection);
            Assert.Equal("woocommerce", connection.SourceKind);
            Assert.Equal(Site, (string?)connection.SourceSettings["url"]);
            var secret = await store.Credentials.GetAsync(connection.Id, "woocommerce", Ct);
            Assert.Equal(new WooCommerceCredentials("ck_demo", "cs_demo"), WooCommerceCredentials.From(secret!));

            var source = WooCommerceSource.FromConnection(connection, secret!);
            Assert.Equal(emulator.Server.WooCommerce.Store.OrderCount, (await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct))).Count);
        }

        var secretBytes = Encoding.UTF8.GetBytes("cs_demo");
        foreach (var file in Directory.GetFiles(_home))
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(secretBytes) < 0, $"{Path.GetFileName(file)} holds the secret in clear");
        }
    }

    [Fact]
    public async Task Connecting_again_updates_the_connection_and_its_secret()
    {
        await RunAsync("connect", "woocommerce", "--url", Site, "--key", "ck_demo", "--secret", "cs_demo", "--home", _home);

        var (code, output, error) = await RunAsync("connect", "woocommerce", "--url", Site + "/", "--key", "ck_demo", "--secret", "cs_demo", "--home", _home);

        Assert.True(code == 0, error);
        Assert.Contains("Connection \"woocommerce\" updated", output, StringComparison.Ordinal);
        await using var store = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(_home), Ct);
        var connection = Assert.Single(await store.Connections.ListAsync(Ct));
        Assert.Equal(2, (await store.Credentials.GetAsync(connection.Id, "woocommerce", Ct))!.Version);
    }

    [Theory]
    [InlineData("ck_demo", "cs_not_it", "Invalid signature - provided signature does not match.")]
    [InlineData("ck_writer", "cs_writer", "The API key provided does not have read permissions.")]
    public async Task A_refused_key_is_explained_and_nothing_is_saved(string key, string secret, string said)
    {
        var (code, output, error) = await RunAsync("connect", "woocommerce", "--url", Site, "--key", key, "--secret", secret, "--home", _home);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains($"The WooCommerce site {Site} refused the API key {key} (401 woocommerce_rest_authentication_error: {said})", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved.", error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_home, "storebooks.db")));
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
