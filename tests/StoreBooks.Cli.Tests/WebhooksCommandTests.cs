using StoreBooks.Core.Connections;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Storage;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary><c>storebooks webhooks show</c> and <c>set</c> when one connection's webhook key cannot be read.</summary>
public sealed class WebhooksCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Show_names_a_connection_whose_verifier_cannot_be_read_and_set_replaces_it()
    {
        await using var cli = await CliHarness.StartAsync();
        Guid brokenId;
        await using (var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(cli.Home), Ct))
        {
            var good = await AddAsync(state, "good-shop");
            var broken = await AddAsync(state, "broken-shop");
            brokenId = broken.Id;
            await WebhookSecrets.SaveAsync(state.Credentials, good.Id, WebhookSecrets.QuickBooks, "good-verifier-token", Ct);
            await WebhookSecrets.SaveAsync(state.Credentials, good.Id, WebhookSecrets.Shopify, "shpss_good", Ct);
            await WebhookSecrets.SaveAsync(state.Credentials, broken.Id, WebhookSecrets.Shopify, "shpss_broken", Ct);
        }

        await ForeignKeyCredentials.SaveAsync(cli.Home, brokenId, WebhookSecrets.System(WebhookSecrets.QuickBooks), "broken-verifier-token");

        var (code, output, error) = await cli.RunAsync("webhooks", "show");

        Assert.True(code == 0, $"exit {code}: {error}{output}");
        Assert.Empty(error);
        Assert.Contains("Connection \"broken-shop\"", output, StringComparison.Ordinal);
        Assert.Contains(
            "Intuit app webhook verifier token: secret cannot be read: run storebooks webhooks set --connection broken-shop --quickbooks-verifier - to replace it",
            output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("good-shop --quickbooks-verifier", output, StringComparison.Ordinal);
        Assert.Equal(3, output.Split('\n').Count(l => l.EndsWith(": set", StringComparison.Ordinal)));
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("verifier-token", output, StringComparison.Ordinal);

        var json = await cli.RunJsonAsync("webhooks", "show", "--connection", "broken-shop");
        var quickBooks = json[0]!["endpoints"]!.AsArray().Single(e => (string?)e!["provider"] == "quickbooks")!;
        Assert.Equal((false, true), ((bool)quickBooks["secretSet"]!, (bool)quickBooks["secretUnreadable"]!));

        // The command it names replaces the unreadable token.
        var set = await cli.RunAsync("webhooks", "set", "--connection", "broken-shop", "--quickbooks-verifier", "new-verifier-token");
        Assert.True(set.Code == 0, set.Error + set.Output);
        var after = await cli.RunAsync("webhooks", "show", "--connection", "broken-shop");
        Assert.Equal(0, after.Code);
        Assert.DoesNotContain("cannot be read", after.Output, StringComparison.Ordinal);
        Assert.Equal(2, after.Output.Split('\n').Count(l => l.EndsWith(": set", StringComparison.Ordinal)));
    }

    private static async Task<Connection> AddAsync(Core.State.IStateStore state, string name)
    {
        var connection = new Connection
        {
            Id = Guid.NewGuid(),
            Name = name,
            SourceKind = "shopify",
            SourceSettings = [],
            QboRealmId = "9130350000000001",
            Settings = new ConnectionSettings().ToJson(),
        };
        await state.Connections.AddAsync(connection, Ct);
        return connection;
    }
}
