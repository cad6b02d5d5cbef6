using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Webhooks;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.Testing;
using StoreBooks.Web.Tests.Support;
using Xunit;

namespace StoreBooks.Web.Tests.Webhooks;

/// <summary>
/// <c>POST /webhooks/quickbooks</c>: Intuit's documented signed notification and the emulator's own deliveries (both formats)
/// verify; the realm in the body finds the connections; a change nudges only a connection with orders waiting in QuickBooks.
/// </summary>
public sealed class QuickBooksWebhookTests
{
    /// <summary>The realm of the documented test vector (qbo-api.md 3.3), made a company of the emulator.</summary>
    private const string VectorRealm = "1269959970";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EmulatorOptions Options(QboWebhookFormat format = QboWebhookFormat.EventNotifications) => new()
    {
        Port = 0,
        Qbo = new QboEmulatorOptions
        {
            Realms = [QboCompanySettings.DefaultUs, QboCompanySettings.DefaultUs with { RealmId = VectorRealm, CompanyName = "Test vector company" }],
            WebhookFormat = format,
            WebhookBatchWindow = TimeSpan.FromMilliseconds(20),
            WebhookRetryDelays = [],
        },
    };

    [Fact]
    public async Task The_documented_signed_notification_verifies_and_each_entity_change_is_recorded_once()
    {
        var vector = JsonNode.Parse(await File.ReadAllTextAsync(SharedFixtures.Path("qbo/webhooks/legacy-eventNotifications-signed.json"), Ct))!;
        var rawBody = (string)vector["rawBody"]!;
        var signature = (string)vector["intuitSignatureHeader"]!;
        await using var harness = await StartAsync(VectorRealm, (string)vector["verifierToken"]!);
        var books = (await harness.State.Connections.FindByNameAsync("books", Ct))!;

        using (var response = await harness.Http.SendAsync(Deliveries.QuickBooks(rawBody, signature), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("received", (await response.Content.ReadAsStringAsync(Ct)).Trim());
        }

        var recorded = await harness.State.Webhooks.ListRecentAsync(books.Id, 10, Ct);
        Assert.Equal(["Customer.Create", "Vendor.Update"], recorded.Select(d => d.Topic!).Order(StringComparer.Ordinal));
        Assert.All(recorded, d => Assert.Equal(WebhookSecrets.QuickBooks, d.Provider));
        Assert.Contains(recorded, d => d.EventId == "Customer/43/Create/2016-10-05T03:07:04.0000000Z");
        Assert.False((await harness.State.Schedule.GetAsync(books.Id, Ct))!.Requested);

        // The same notification again: acknowledged, nothing new. Tampered: refused.
        using (var again = await harness.Http.SendAsync(Deliveries.QuickBooks(rawBody, signature), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Equal(2, (await harness.State.Webhooks.ListRecentAsync(books.Id, 10, Ct)).Count);
        using var tampered = await harness.Http.SendAsync(Deliveries.QuickBooks(rawBody.Replace("\"40\"", "\"41\"", StringComparison.Ordinal), signature), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(2, (await harness.State.Webhooks.ListRecentAsync(books.Id, 10, Ct)).Count);
    }

    [Fact]
    public async Task A_change_nudges_a_connection_whose_orders_wait_on_QuickBooks()
    {
        var vector = JsonNode.Parse(await File.ReadAllTextAsync(SharedFixtures.Path("qbo/webhooks/legacy-eventNotifications-signed.json"), Ct))!;
        await using var harness = await StartAsync(VectorRealm, (string)vector["verifierToken"]!);
        var books = (await harness.State.Connections.FindByNameAsync("books", Ct))!;
        await WaitOnAnItemAsync(harness, books);

        using var response = await harness.Http.SendAsync(Deliveries.QuickBooks((string)vector["rawBody"]!, (string)vector["intuitSignatureHeader"]!), Ct);

        Assert.Equal("sync requested for 1 connection(s)", (await response.Content.ReadAsStringAsync(Ct)).Trim());
        var runs = await harness.WaitForRunsAsync(books, 2);
        Assert.Single(runs, r => r.Trigger == "webhook");
    }

    [Theory]
    [InlineData(QboWebhookFormat.EventNotifications)]
    [InlineData(QboWebhookFormat.CloudEvents)]
    public async Task The_emulators_own_signed_deliveries_verify_and_nudge(QboWebhookFormat format)
    {
        await using var harness = await StartAsync(QboCompanySettings.DefaultUs.RealmId, "emulator-verifier-token", format);
        var books = (await harness.State.Connections.FindByNameAsync("books", Ct))!;
        await WaitOnAnItemAsync(harness, books);
        harness.Emulator.Qbo.Webhooks.Configure(new QboWebhookSettings(new Uri(harness.Server.BaseUrl, "webhooks/quickbooks"), "emulator-verifier-token", format));

        // The merchant does something in QuickBooks.
        using var qbo = await harness.QuickBooksAsync(books);
        await qbo.Customers.CreateAsync(new Customer { DisplayName = "Walk-in " + format }, QboRequestOptions.NewRequestId(), Ct);

        var runs = await harness.WaitForRunsAsync(books, 2);
        Assert.Single(runs, r => r.Trigger == "webhook");
        var recorded = await harness.State.Webhooks.ListRecentAsync(books.Id, 10, Ct);
        Assert.Contains(recorded, d => d.Topic == (format == QboWebhookFormat.CloudEvents ? "qbo.customer.created.v1" : "Customer.Create"));
        Assert.Equal(0, harness.Emulator.Qbo.Webhooks.Stats.FailedAttempts);
    }

    [Fact]
    public async Task A_notification_signed_with_another_token_or_with_none_set_gets_401()
    {
        var body = """{"eventNotifications":[{"realmId":"9130350000000001","dataChangeEvent":{"entities":[{"name":"Item","id":"7","operation":"Create","lastUpdated":"2025-11-02T10:00:00.000Z"}]}}]}""";
        await using var harness = await StartAsync(QboCompanySettings.DefaultUs.RealmId, verifier: null);
        var books = (await harness.State.Connections.FindByNameAsync("books", Ct))!;

        using (var none = await harness.Http.SendAsync(Deliveries.QuickBooks(body, Deliveries.Sign(Encoding.UTF8.GetBytes(body), "some-token")), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Contains("storebooks webhooks set", await none.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await harness.SetSecretAsync(books, WebhookSecrets.QuickBooks, "the-right-token");
        using (var wrong = await harness.Http.SendAsync(Deliveries.QuickBooks(body, Deliveries.Sign(Encoding.UTF8.GetBytes(body), "some-token")), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var unsigned = await harness.Http.SendAsync(Deliveries.QuickBooks(body, null), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }

        Assert.Empty(await harness.State.Webhooks.ListRecentAsync(books.Id, 10, Ct));
        using var right = await harness.Http.SendAsync(Deliveries.QuickBooks(body, Deliveries.Sign(Encoding.UTF8.GetBytes(body), "the-right-token")), Ct);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Single(await harness.State.Webhooks.ListRecentAsync(books.Id, 10, Ct));
    }

    [Fact]
    public async Task A_connection_whose_verifier_cannot_be_read_is_skipped_and_the_others_verify_and_sync_as_before()
    {
        const string good = "good-verifier-token";
        await using var harness = await StartAsync(QboCompanySettings.DefaultUs.RealmId, good);
        var books = (await harness.State.Connections.FindByNameAsync("books", Ct))!;

        // Listed before "books": a verifier saved with another secret key, straight into the state store.
        var broken = await harness.AddConnectionAsync("archive", "shopify", realmId: VectorRealm, joinQuickBooks: false);
        await ForeignKeyCredentials.SaveAsync(harness.HomeDirectory, broken.Id, WebhookSecrets.System(WebhookSecrets.QuickBooks), "archive-verifier-token");
        await WaitOnAnItemAsync(harness, books);

        var body = """{"eventNotifications":[{"realmId":"9130350000000001","dataChangeEvent":{"entities":[{"name":"Item","id":"7","operation":"Create","lastUpdated":"2025-11-02T10:00:00.000Z"}]}}]}""";
        using (var accepted = await harness.Http.SendAsync(Deliveries.QuickBooks(body, Deliveries.Sign(Encoding.UTF8.GetBytes(body), good)), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal("sync requested for 1 connection(s)", (await accepted.Content.ReadAsStringAsync(Ct)).Trim());
        }

        Assert.Single(await harness.WaitForRunsAsync(books, 2), r => r.Trigger == "webhook");
        var recorded = Assert.Single(await harness.State.Webhooks.ListRecentAsync(books.Id, 10, Ct));
        Assert.StartsWith("sha256:", recorded.BodyHash, StringComparison.Ordinal);

        // Another delivery, one signed with nothing set here, one for the broken company: never a 500.
        var second = body.Replace("\"7\"", "\"8\"", StringComparison.Ordinal);
        using (var again = await harness.Http.SendAsync(Deliveries.QuickBooks(second, Deliveries.Sign(Encoding.UTF8.GetBytes(second), good)), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var forBroken = body.Replace("9130350000000001", VectorRealm, StringComparison.Ordinal);
        using (var refused = await harness.Http.SendAsync(Deliveries.QuickBooks(forBroken, Deliveries.Sign(Encoding.UTF8.GetBytes(forBroken), "archive-verifier-token")), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("1 connection(s) have a verifier token that cannot be read", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Empty(await harness.State.Webhooks.ListRecentAsync(broken.Id, 10, Ct));
        var reported = Assert.Single(harness.Logs.Lines, l => l.Contains("connection \"archive\" cannot be read", StringComparison.Ordinal));
        Assert.Contains("storebooks webhooks set --connection archive --quickbooks-verifier -", reported, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains("archive-verifier-token", StringComparison.Ordinal) || l.Contains(good, StringComparison.Ordinal));

        // Replaced, the broken company's deliveries verify again.
        await harness.SetSecretAsync(broken, WebhookSecrets.QuickBooks, "archive-new-token");
        using var replaced = await harness.Http.SendAsync(Deliveries.QuickBooks(forBroken, Deliveries.Sign(Encoding.UTF8.GetBytes(forBroken), "archive-new-token")), Ct);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Single(await harness.State.Webhooks.ListRecentAsync(broken.Id, 10, Ct));
    }

    [Fact]
    public async Task A_verified_body_that_is_not_a_notification_gets_400()
    {
        await using var harness = await StartAsync(QboCompanySettings.DefaultUs.RealmId, "token");
        const string body = """{"hello":"world"}""";

        using var response = await harness.Http.SendAsync(Deliveries.QuickBooks(body, Deliveries.Sign(Encoding.UTF8.GetBytes(body), "token")), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>A server with one connection "books" on <paramref name="realm"/> (a probe store), its first run done.</summary>
    private static async Task<ServeHarness> StartAsync(string realm, string? verifier, QboWebhookFormat format = QboWebhookFormat.EventNotifications)
    {
        var harness = await ServeHarness.CreateAsync(Options(format));
        var probe = new RunProbe();
        harness.Sources.Use("shopify", (_, _, _) => Task.FromResult(probe.Source("shopify")));
        var books = await harness.AddConnectionAsync("books", "shopify", realmId: realm, settings: new ConnectionSettings { SyncInterval = null });
        if (verifier is not null)
        {
            await harness.SetSecretAsync(books, WebhookSecrets.QuickBooks, verifier);
        }

        await harness.StartServerAsync();
        await harness.WaitForRunsAsync(books, 1);
        await harness.WaitIdleAsync();
        return harness;
    }

    /// <summary>Leaves an order waiting for an item the merchant must create in QuickBooks (manual item mode).</summary>
    private static async Task WaitOnAnItemAsync(ServeHarness harness, Connection books)
    {
        var link = await harness.State.Links.ReserveAsync(books.Id, LinkKind.Sale, "1001", Ct);
        await harness.State.Links.SaveAsync(link with { State = LinkState.Waiting, Message = "order #1001, line 1: SKU MLG-TEE-L-NAV has no QuickBooks item" }, Ct);
    }
}
