using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Sync.Connections;
using StoreBooks.WooCommerce;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>
/// The logs of hosted syncs against the emulators, as a structured sink receives them: every line a run writes carries its
/// workspace and connection, and no credential appears anywhere, in words, arguments, scopes or exceptions, whether the run
/// went well or QuickBooks refused its authorization, nor when a webhook arrives with a bad signature.
/// </summary>
public sealed class SyncLogTests
{
    private const string WooConsumerSecret = "cs_logs_5b1e9a77c0d34f2e";
    private const string ShopifyWebhookSecret = "shopify-webhook-secret-8c2d";
    private const string WooWebhookSecret = "woo-webhook-secret-41aa";
    private const string VerifierToken = "intuit-verifier-token-77e0";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_line_of_a_sync_names_its_workspace_and_connection_and_no_secret_is_ever_logged()
    {
        await using var rig = await HostedRig.CreateAsync(options => options with
        {
            WooCommerce = options.WooCommerce with { Keys = [new("ck_logs_1d2c", WooConsumerSecret, "read_write")] },
        });
        var shop = await rig.AddConnectedShopAsync("logged-shop", "9130400000000001");
        var shopTokens = rig.LastIssued!;
        var woo = await rig.AddConnectedAsync(
            "logged-woo",
            "9130400000000002",
            WooCommerceSource.SourceKind,
            new JsonObject { [WooCommerceSource.UrlSetting] = rig.Emulator.BaseUrl.AbsoluteUri.TrimEnd('/') },
            new WooCommerceCredentials("ck_logs_1d2c", WooConsumerSecret).ToSecret());
        var wooTokens = rig.LastIssued!;
        var revoked = await rig.AddConnectedShopAsync("logged-revoked", "9130400000000003");
        var revokedTokens = rig.LastIssued!;
        Assert.True(rig.Emulator.Qbo.OAuth.Revoke(rig.Emulator.Qbo.Options.ClientId, revokedTokens.RefreshToken));
        await WebhookSecrets.SaveAsync(rig.State.Credentials, shop.Id, WebhookSecrets.Shopify, ShopifyWebhookSecret, Ct);
        await WebhookSecrets.SaveAsync(rig.State.Credentials, woo.Id, WebhookSecrets.WooCommerce, WooWebhookSecret, Ct);
        await WebhookSecrets.SaveAsync(rig.State.Credentials, shop.Id, WebhookSecrets.QuickBooks, VerifierToken, Ct);
        var workspace = (await rig.State.Connections.GetAsync(shop.Id, Ct))!.WorkspaceId;

        var logs = new ScopedLogCollector();
        var process = await rig.StartProcessAsync(ServeRole.All, "logged", configure: options => options with
        {
            Logging = logging =>
            {
                logging.AddProvider(logs);
                logging.SetMinimumLevel(LogLevel.Trace);
            },
        });
        var connections = new[] { shop.Id, woo.Id, revoked.Id };
        await rig.WaitUntilSyncedAsync(connections, process.Engine, TimeSpan.FromSeconds(120));

        // A delivery signed with the wrong key, and one signed right.
        using var http = new HttpClient { BaseAddress = process.Server.BaseUrl };
        var body = "{\"id\":1}";
        foreach (var key in new[] { "not-the-secret", ShopifyWebhookSecret })
        {
            using var delivery = new HttpRequestMessage(HttpMethod.Post, $"webhooks/shopify/{shop.Id}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            delivery.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body))));
            delivery.Headers.Add("X-Shopify-Topic", "orders/updated");
            delivery.Headers.Add("X-Shopify-Event-Id", Guid.NewGuid().ToString());
            delivery.Headers.Add("X-Shopify-Shop-Domain", "demo-shop.myshopify.com");
            using var answer = await http.SendAsync(delivery, Ct);
            Assert.Equal(key == ShopifyWebhookSecret, answer.IsSuccessStatusCode);
        }

        await rig.WaitUntilSyncedAsync(connections, process.Engine, TimeSpan.FromSeconds(120));
        Assert.Equal(RunOutcome.Failed, (await rig.RunsAsync(revoked.Id))[^1].Outcome);
        var lines = logs.Lines;

        // Each connection's run logged lines, each with its workspace and connection (and its name, as text for the plain console).
        foreach (var connection in new[] { shop, woo, revoked })
        {
            var own = lines.Where(l => l.Scope.GetValueOrDefault("ConnectionId") == connection.Id.ToString("D")).ToList();
            Assert.Contains(own, l => l.Category == "StoreBooks.Sync.SyncRunner");
            Assert.All(own, l => Assert.Equal(workspace.ToString("D"), l.Scope["WorkspaceId"]));
            Assert.All(own, l => Assert.Equal(connection.Name, l.Scope["Connection"]));
            Assert.Contains(own, l => l.ScopeTexts.Contains($"workspace {workspace:D} connection {connection.Name} ({connection.Id:D})"));
        }

        Assert.Contains(lines, l => l.Scope.GetValueOrDefault("ConnectionId") == shop.Id.ToString("D") && l.Text.StartsWith("QBO ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Scope.GetValueOrDefault("ConnectionId") == revoked.Id.ToString("D") && l.Level >= LogLevel.Warning);

        // Whatever the sync code and the QuickBooks client log is inside some run's scope.
        var unscoped = lines.Where(l => l.Category.StartsWith("StoreBooks.Sync", StringComparison.Ordinal) || l.Category.StartsWith("StoreBooks.QuickBooks", StringComparison.Ordinal))
            .Where(l => !l.Scope.ContainsKey("ConnectionId"))
            .ToList();
        Assert.True(unscoped.Count == 0, "Lines outside a run's scope: " + string.Join(" | ", unscoped.Select(l => $"{l.Category}: {l.Text}")));

        // No secret, anywhere.
        var secrets = new[]
        {
            "demo-token", WooConsumerSecret, ShopifyWebhookSecret, WooWebhookSecret, VerifierToken, QuickBooksApp.Demo.ClientSecret,
            shopTokens.AccessToken, shopTokens.RefreshToken, wooTokens.AccessToken, wooTokens.RefreshToken, revokedTokens.AccessToken, revokedTokens.RefreshToken,
        };
        var everything = string.Join("\n", lines.Select(l => $"{l.Category} {l.Text} {string.Join(" ", l.ScopeTexts)} {string.Join(" ", l.Scope.Values)}"));
        Assert.True(lines.Count > 50, $"only {lines.Count} lines were logged");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz", Ct)).StatusCode);
    }
}
