using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary><c>storebooks demo --web</c>: the dashboard on the emulators, for doing the demo by hand in a browser.</summary>
public sealed class DemoWebTests
{
    [Fact]
    public async Task Demo_web_serves_the_sign_up_page_connects_QuickBooks_at_the_emulator_and_stops_cleanly_on_cancel()
    {
        var output = new LiveOutput();
        var error = new LiveOutput();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = StoreBooksCli.RunAsync(["demo", "--web"], output, error, stop.Token);
        var dashboard = new Uri(await output.WaitForAsync(@"^StoreBooks demo dashboard: (\S+)", running));
        var emulator = new Uri(await output.WaitForAsync(@"^QuickBooks emulator: +(\S+)", running));
        var home = await output.WaitForAsync(@"^StoreBooks home: +(\S+)", running);
        var products = await output.WaitForAsync(@"products: (\S+)", running);
        var orders = await output.WaitForAsync(@"orders: +(\S+)", running);
        Assert.True(dashboard.IsLoopback, dashboard.AbsoluteUri);
        Assert.StartsWith(home, products, StringComparison.Ordinal);
        Assert.True(File.Exists(products) && File.Exists(orders), output.Text);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = dashboard };
        using (var first = await http.GetAsync("/", stop.Token))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // The first start: the sign-up page, then the owner's account.
        var signUp = await http.GetStringAsync("/sign-up", stop.Token);
        Assert.Contains("<title>Create the owner&#x27;s account", signUp, StringComparison.Ordinal);
        using (var created = await http.PostAsync("/sign-up", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["BusinessName"] = "Maple Leaf Goods",
            ["Email"] = "owner@maple-leaf.example",
            ["Password"] = "correct horse battery",
            ["ConfirmPassword"] = "correct horse battery",
            ["__RequestVerificationToken"] = Token(signUp),
        }), stop.Token))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        // The demo store, uploaded from the files demo --web wrote into its home.
        var add = await http.GetStringAsync("/connections/add?store=csv", stop.Token);
        var action = WebUtility.HtmlDecode(Regex.Match(add, "action=\"([^\"]*handler=Csv[^\"]*)\"").Groups[1].Value);
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(Token(add)), "__RequestVerificationToken" },
            { new StringContent("demo"), "Name" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(products, stop.Token)), "ProductsFile", "products.csv" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(orders, stop.Token)), "OrdersFile", "orders.csv" },
        };
        using var added = await http.PostAsync(action, upload, stop.Token);
        Assert.True(added.StatusCode == HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync(stop.Token));
        var connection = added.Headers.Location!.OriginalString.Split('?')[0];

        // Connect QuickBooks: off to the emulator's consent page, which sends the browser back to the dashboard's callback.
        using var connect = await http.GetAsync(connection + "/quickbooks/connect", stop.Token);
        Assert.Equal(HttpStatusCode.Redirect, connect.StatusCode);
        var authorize = connect.Headers.Location!;
        Assert.StartsWith(emulator.AbsoluteUri, authorize.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(new Uri(dashboard, "quickbooks/callback").AbsoluteUri, System.Web.HttpUtility.ParseQueryString(authorize.Query)["redirect_uri"]);
        using var consent = await http.GetAsync(authorize, stop.Token);
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        using var callback = await http.GetAsync(consent.Headers.Location, stop.Token);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(connection + "?quickbooks=connected", callback.Headers.Location!.OriginalString);

        await stop.CancelAsync();
        var code = await running;

        Assert.True(code == 0, output.Text + error.Text);
        Assert.Contains("The demo stopped; its temporary home was removed.", output.Text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(home), home);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/health", TestContext.Current.CancellationToken));
    }

    private static string Token(string page) =>
        Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("The page has no antiforgery token.");
}
