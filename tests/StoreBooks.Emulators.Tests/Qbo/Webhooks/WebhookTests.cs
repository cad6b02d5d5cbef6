using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Api;
using StoreBooks.Emulators.Qbo.Webhooks;
using StoreBooks.Emulators.Tests.Qbo.OAuth;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Webhooks;

public sealed class WebhookTests
{
    private const string VerifierToken = "verifier-for-tests";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_signer_reproduces_intuits_test_vector()
    {
        var vector = JsonNode.Parse(await File.ReadAllTextAsync(SharedFixtures.Path("qbo/webhooks/legacy-eventNotifications-signed.json"), Ct))!;
        var token = vector["verifierToken"]!.GetValue<string>();
        var body = Encoding.UTF8.GetBytes(vector["rawBody"]!.GetValue<string>());
        var signature = vector["intuitSignatureHeader"]!.GetValue<string>();

        Assert.Equal(signature, WebhookSignature.Sign(token, body));
        Assert.True(WebhookSignature.Verify(token, body, signature));
        Assert.False(WebhookSignature.Verify(token, body.Append((byte)' ').ToArray(), signature));
        Assert.False(WebhookSignature.Verify("another-token", body, signature));
    }

    [Fact]
    public async Task Changes_close_together_arrive_in_one_signed_event_notifications_post()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartAsync(receiver, QboWebhookFormat.EventNotifications, QboCompanySettings.DefaultUs, QboCompanySettings.DefaultCanada);
        var at = new DateTimeOffset(2026, 3, 2, 15, 0, 4, TimeSpan.Zero);

        emulator.Qbo.Companies.OnChanged(new QboEntityChange(QboCompanySettings.DefaultUs.RealmId, "Customer", "43", "Create", at));
        emulator.Qbo.Companies.OnChanged(new QboEntityChange(QboCompanySettings.DefaultUs.RealmId, "SalesReceipt", "7", "Update", at));
        emulator.Qbo.Companies.OnChanged(new QboEntityChange(QboCompanySettings.DefaultCanada.RealmId, "Item", "3", "Delete", at));
        var delivery = await receiver.NextAsync(Ct);

        Assert.Equal(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(VerifierToken), delivery.Body)), delivery.Signature);
        Assert.StartsWith("application/json", delivery.ContentType, StringComparison.Ordinal);
        var notifications = JsonNode.Parse(delivery.Body)!["eventNotifications"]!.AsArray();
        Assert.Equal(2, notifications.Count);
        Assert.Equal(QboCompanySettings.DefaultUs.RealmId, notifications[0]!["realmId"]!.GetValue<string>());
        var entities = notifications[0]!["dataChangeEvent"]!["entities"]!.AsArray();
        Assert.Equal(["Customer:43:Create", "SalesReceipt:7:Update"], entities.Select(e => $"{e!["name"]}:{e["id"]}:{e["operation"]}"));
        Assert.Equal("2026-03-02T15:00:04.000Z", entities[0]!["lastUpdated"]!.GetValue<string>());
        Assert.Equal("Item", notifications[1]!["dataChangeEvent"]!["entities"]![0]!["name"]!.GetValue<string>());
        await LimitWait(() => emulator.Qbo.Webhooks.Stats.Delivered == 1);
        Assert.Equal(0, emulator.Qbo.Webhooks.Stats.FailedAttempts);
    }

    [Fact]
    public async Task Cloud_events_are_an_array_with_intuits_type_and_ids()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartAsync(receiver, QboWebhookFormat.CloudEvents, QboCompanySettings.DefaultUs);
        emulator.Qbo.Companies.OnChanged(new QboEntityChange(emulator.RealmId, "SalesReceipt", "12", "Void", DateTimeOffset.UtcNow));

        var delivery = await receiver.NextAsync(Ct);
        var events = JsonNode.Parse(delivery.Body)!.AsArray();

        Assert.True(WebhookSignature.Verify(VerifierToken, delivery.Body, delivery.Signature));
        var single = Assert.Single(events)!;
        Assert.Equal("1.0", single["specversion"]!.GetValue<string>());
        Assert.Equal("qbo.salesreceipt.voided.v1", single["type"]!.GetValue<string>());
        Assert.Equal("12", single["intuitentityid"]!.GetValue<string>());
        Assert.Equal(emulator.RealmId, single["intuitaccountid"]!.GetValue<string>());
        Assert.StartsWith("intuit.", single["source"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_the_same_signed_body()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        await using var emulator = await StartAsync(receiver, QboWebhookFormat.EventNotifications, QboCompanySettings.DefaultUs);
        emulator.Qbo.Companies.OnChanged(new QboEntityChange(emulator.RealmId, "Payment", "5", "Create", DateTimeOffset.UtcNow));

        var failed = await receiver.NextAsync(Ct);
        var retried = await receiver.NextAsync(Ct);
        await LimitWait(() => emulator.Qbo.Webhooks.Stats.Delivered == 1);

        Assert.True(failed.AnsweredWithFailure);
        Assert.False(retried.AnsweredWithFailure);
        Assert.Equal(failed.Body, retried.Body);
        Assert.Equal(failed.Signature, retried.Signature);
        Assert.Equal(1, emulator.Qbo.Webhooks.Stats.FailedAttempts);
        Assert.Contains("500", emulator.Qbo.Webhooks.Stats.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_created_through_the_api_is_notified()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartAsync(receiver, QboWebhookFormat.EventNotifications, QboCompanySettings.DefaultUs);
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;

        using var create = PlatformEmulator.V3(HttpMethod.Post, $"v3/company/{emulator.RealmId}/customer?minorversion=75", token, "{\"DisplayName\":\"Webhook Watcher Inc\"}");
        using var created = await emulator.Http.SendAsync(create, Ct);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["Customer"]!["Id"]!.GetValue<string>();
        var delivery = await receiver.NextAsync(Ct);

        Assert.True(WebhookSignature.Verify(VerifierToken, delivery.Body, delivery.Signature));
        var notification = JsonNode.Parse(delivery.Body)!["eventNotifications"]![0]!;
        Assert.Equal(emulator.RealmId, notification["realmId"]!.GetValue<string>());
        var entity = notification["dataChangeEvent"]!["entities"]![0]!;
        Assert.Equal(("Customer", id, "Create"), (entity["name"]!.GetValue<string>(), entity["id"]!.GetValue<string>(), entity["operation"]!.GetValue<string>()));
    }

    private static Task LimitWait(Func<bool> condition) => Traffic.LimitTests.WaitUntilAsync(condition);

    private static Task<PlatformEmulator> StartAsync(WebhookReceiver receiver, QboWebhookFormat format, params QboCompanySettings[] realms) =>
        PlatformEmulator.StartAsync(
            new QboEmulatorOptions
            {
                Realms = realms,
                WebhookUrl = receiver.Url,
                WebhookVerifierToken = VerifierToken,
                WebhookFormat = format,
                WebhookBatchWindow = TimeSpan.FromMilliseconds(200),
                WebhookRetryDelays = [TimeSpan.FromMilliseconds(20)],
            },
            fakeClock: false);
}
