using System.Text.Json.Nodes;
using Xunit;

namespace StoreBooks.Corpus.Tests;

/// <summary>
/// An order refused for its data, fixed by the merchant in Shopify or WooCommerce, posts once on the next <c>storebooks sync</c>:
/// read again by its id, even when the store leaves its time unchanged and the orders cursor has long passed it.
/// (The CSV source's refusals, fixed then posted by <c>sync</c> and by <c>retry</c>, are in the command-line tests.)
/// </summary>
public sealed class FixedInStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("shopify/plain-paid", "5001", "updated_at")]
    [InlineData("woocommerce/plain-completed-and-processing", "201", "date_modified_gmt")]
    public async Task An_order_refused_for_its_currency_posts_once_fixed_in_the_store(string name, string orderId, string changedAt)
    {
        var corpusCase = CorpusCase.Load(name);
        await using var rig = await CorpusRig.StartAsync(corpusCase);
        var platform = corpusCase.Source;
        var original = (await File.ReadAllTextAsync(corpusCase.StoreFiles.Single(f => f.EndsWith("02-orders.json", StringComparison.Ordinal)), Ct));
        var orders = JsonNode.Parse(original)!;
        var order = (orders is JsonArray list ? list : orders["orders"]!.AsArray()).OfType<JsonObject>().Single(o => o["id"]!.ToString() == orderId);
        var time = order[changedAt]!.DeepClone();

        var (status, code) = await rig.SyncAsync(Ct, () => rig.AdminAsync(platform, $"orders/{orderId}",
            new JsonObject { ["currency"] = "ZZZ", [changedAt] = time.DeepClone() }.ToJsonString(), Ct));

        Assert.Equal(3, code);
        var issue = Assert.Single(status["issues"]!.AsArray())!;
        Assert.Contains("ZZZ", (string)issue["message"]!, StringComparison.Ordinal);
        var postedBefore = await SalesCountAsync(rig);
        Assert.Equal(corpusCase.Orders.Count(o => o.Outcome == "posted") - 1, postedBefore);
        Assert.Empty(await rig.Books.SalesDocumentsAsync(platform, orderId, Ct));

        // Unchanged, it stays refused; fixed (its time left as it was), it posts once.
        Assert.Equal(3, (await rig.RunAsync(Ct, "sync")).Code);
        await rig.AdminAsync(platform, $"orders/{orderId}", new JsonObject { ["currency"] = (string)order["currency"]!, [changedAt] = time.DeepClone() }.ToJsonString(), Ct);
        var fixedRun = await rig.RunAsync(Ct, "sync");
        var again = await rig.RunAsync(Ct, "sync");

        Assert.True(fixedRun.Code == 0, fixedRun.Error + fixedRun.Output);
        Assert.Equal(0, again.Code);
        Assert.Single(await rig.Books.SalesDocumentsAsync(platform, orderId, Ct));
        Assert.Equal(postedBefore + 1, await SalesCountAsync(rig));
    }

    private static async Task<int> SalesCountAsync(CorpusRig rig) =>
        (await rig.Books.AllAsync("SalesReceipt", Ct)).Count + (await rig.Books.AllAsync("Invoice", Ct)).Count;
}
