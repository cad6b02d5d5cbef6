using System.Net;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Shopify;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Web.Tests.Support;
using Xunit;

namespace StoreBooks.Web.Tests.Webhooks;

/// <summary>The webhook endpoints' guards: a rate limit per address, and logs that never carry a key or a signature.</summary>
public sealed class WebhookGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deliveries_beyond_the_rate_limit_get_429_on_that_address_only()
    {
        await using var harness = await ServeHarness.CreateAsync();
        var probe = new RunProbe();
        harness.Sources.Use("shopify", (_, _, _) => Task.FromResult(probe.Source("shopify")));
        var busy = await harness.AddConnectionAsync("busy-shop", "shopify");
        var quiet = await harness.AddConnectionAsync("quiet-shop", "shopify");
        await harness.SetSecretAsync(busy, WebhookSecrets.Shopify, "secret-1");
        await harness.SetSecretAsync(quiet, WebhookSecrets.Shopify, "secret-2");
        await harness.StartServerAsync(options => options with { WebhookPermits = 3, WebhookRateWindow = TimeSpan.FromHours(1) });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await harness.Http.SendAsync(Deliveries.SignedShopify(busy.Id.ToString(), "{}", "secret-1", $"evt-{i}"), Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(TimeSpan.FromHours(1), response.Headers.RetryAfter?.Delta);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, (await harness.State.Webhooks.ListRecentAsync(busy.Id, 10, Ct)).Count);
        using var other = await harness.Http.SendAsync(Deliveries.SignedShopify(quiet.Id.ToString(), "{}", "secret-2", "evt-q"), Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using var health = await harness.Http.GetAsync(new Uri("health", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Keys_and_signatures_never_reach_the_log()
    {
        const string shopifySecret = "shpss_never-in-a-log-5a8e41";
        const string verifier = "qbo-verifier-never-in-a-log-77c2";
        await using var harness = await ServeHarness.CreateAsync(new EmulatorOptions { Port = 0, Shopify = new ShopifyEmulatorOptions { ClientSecret = shopifySecret } });
        var probe = new RunProbe();
        harness.Sources.Use("shopify", (_, _, _) => Task.FromResult(probe.Source("shopify")));
        var shop = await harness.AddConnectionAsync("maple-lane", "shopify");
        await harness.SetSecretAsync(shop, WebhookSecrets.Shopify, shopifySecret);
        await harness.SetSecretAsync(shop, WebhookSecrets.QuickBooks, verifier);
        await harness.StartServerAsync();

        var body = """{"id":5}""";
        var good = Deliveries.Sign(System.Text.Encoding.UTF8.GetBytes(body), shopifySecret);
        var bad = Deliveries.Sign(System.Text.Encoding.UTF8.GetBytes(body), "guess");
        var qboBody = """{"eventNotifications":[{"realmId":"9130350000000001","dataChangeEvent":{"entities":[{"name":"Item","id":"9","operation":"Create","lastUpdated":"2025-11-02T10:00:00.000Z"}]}}]}""";
        var qboSignature = Deliveries.Sign(System.Text.Encoding.UTF8.GetBytes(qboBody), verifier);
        foreach (var request in new[]
        {
            Deliveries.Shopify(shop.Id.ToString(), body, good, "evt-1"),
            Deliveries.Shopify(shop.Id.ToString(), body, bad, "evt-2"),
            Deliveries.QuickBooks(qboBody, qboSignature),
            Deliveries.QuickBooks(qboBody, bad),
        })
        {
            using var response = await harness.Http.SendAsync(request, Ct);
        }

        await harness.WaitForRunsAsync(shop, 2);
        await harness.WaitIdleAsync();

        var logs = harness.Logs.Lines;
        Assert.Contains(logs, l => l.Contains("Webhook from shopify for maple-lane", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("refused", StringComparison.Ordinal));
        foreach (var secret in new[] { shopifySecret, verifier, good, bad, qboSignature })
        {
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
