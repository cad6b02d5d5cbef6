using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Core.Payouts;
using StoreBooks.Shopify.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Shopify.Tests.Payouts;

/// <summary>
/// Every Shopify Payments fixture (shopify.dev's REST 2025-07 examples), served by the emulator over loopback and read through
/// StoreBooks' client. Expected from the fixtures' SOURCES.md: eight payouts, six of 41.90 whose summary gives 41.90 and two of
/// 43.12 whose summary gives 42.90; payout 623721858 has 50 balance transactions of many types (unknown ones kept), summing to
/// 920.84, so it does not add up; one row's net is not amount − fee and is kept as given.
/// </summary>
public sealed class ShopifyPayoutFixtureTests(ShopifyEmulatorFixture emulator) : IClassFixture<ShopifyEmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static decimal Money(JsonNode? node) => node is null ? 0m : decimal.Parse(node.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_payout_fixture_is_read_into_the_model_as_given()
    {
        var folder = SharedFixtures.Path(Path.Combine("shopify", "payouts"));
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        await emulator.LoadOnlyAsync(Ct, [.. files.Select(File.ReadAllText)]);
        var (source, _, _) = emulator.CreateSource();

        var payouts = new List<StorePayout>();
        await foreach (var page in source.ReadPayoutsAsync(null, Ct))
        {
            Assert.Empty(page.Problems);
            payouts.AddRange(page.Records);
        }

        var listed = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "payouts-list.2025-07.json")))!["payouts"]!.AsArray();
        Assert.Equal(listed.Select(p => p!["id"]!.ToJsonString()), payouts.Select(p => p.SourceId));
        foreach (var json in listed)
        {
            var payout = payouts.Single(p => p.SourceId == json!["id"]!.ToJsonString());
            Assert.Equal(json!["status"]!.GetValue<string>(), payout.Status);
            Assert.Equal(DateOnly.Parse(json["date"]!.GetValue<string>(), CultureInfo.InvariantCulture), payout.IssuedOn);
            Assert.Equal("USD", payout.Currency);
            Assert.Equal(Money(json["amount"]), payout.Amount);
            var summary = json["summary"]!;
            Assert.Equal(new StoreGrossFee(Money(summary["charges_gross_amount"]), Money(summary["charges_fee_amount"])), payout.Summary!.Charges);
            Assert.Equal(new StoreGrossFee(Money(summary["refunds_gross_amount"]), Money(summary["refunds_fee_amount"])), payout.Summary.Refunds);
            Assert.Equal(new StoreGrossFee(Money(summary["adjustments_gross_amount"]), Money(summary["adjustments_fee_amount"])), payout.Summary.Adjustments);
            Assert.Equal(payout.Amount == 41.90m ? 41.90m : 42.90m, payout.Summary.Net);
        }

        Assert.Equal(6, payouts.Count(p => p.Amount == 41.90m));
        Assert.Equal(2, payouts.Count(p => p.Amount == 43.12m));
        Assert.Contains(payouts, p => p.State == StorePayoutState.Failed);
        Assert.Contains(payouts, p => p.State == StorePayoutState.InTransit);
        Assert.Contains(payouts, p => p.State == StorePayoutState.Scheduled);

        var rows = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "balance-transactions-list-by-payout.2025-07.json")))!["transactions"]!.AsArray();
        var documented = payouts.Single(p => p.SourceId == "623721858");
        Assert.Equal(50, documented.Transactions.Count);
        Assert.All(payouts.Where(p => p != documented), p => Assert.Empty(p.Transactions));
        foreach (var json in rows)
        {
            var row = documented.Transactions.Single(t => t.SourceId == json!["id"]!.ToJsonString());
            Assert.Equal(json!["type"]!.GetValue<string>(), row.Type);
            Assert.Equal(Money(json["amount"]), row.Gross);
            Assert.Equal(Money(json["fee"]), row.Fee);
            Assert.Equal(Money(json["net"]), row.Net);
            Assert.Equal(json["source_order_id"]?.ToJsonString(), row.SourceOrderId);
            Assert.Equal(json["source_order_transaction_id"]?.ToJsonString().Trim('"'), row.SourceOrderTransactionId);
            Assert.Equal(json["adjustment_reason"]?.GetValue<string>(), row.AdjustmentReason);
            Assert.Equal(DateTimeOffset.Parse(json["processed_at"]!.GetValue<string>(), CultureInfo.InvariantCulture), row.ProcessedAt);
            Assert.Equal("623721858", row.PayoutId);
        }

        // Unknown and upper-case types are kept, never refused; the one row whose net is not amount − fee keeps its net.
        Assert.Contains(documented.Transactions, t => t.Type == "SHOPIFY_COLLECTIVE_DEBIT_REVERSAL");
        Assert.Contains(documented.Transactions, t => t.Type == "advance_funding" && t.Category == StorePayoutTransactionCategory.Other);
        var odd = documented.Transactions.Single(t => t.SourceId == "758509248");
        Assert.Equal((-1.50m, -0.25m, -1.75m), (odd.Gross, odd.Fee, odd.Net));
        var lost = documented.Transactions.First(t => t.Category == StorePayoutTransactionCategory.Dispute && t.Gross == -100.00m);
        Assert.Equal((15.00m, -115.00m), (lost.Fee, lost.Net));

        var sum = documented.Sum();
        Assert.False(sum.AddsUp);
        Assert.Equal(rows.Sum(r => Money(r!["net"])), sum.TransactionsNet);
        Assert.Equal(920.84m, sum.TransactionsNet);
        Assert.Equal(41.90m - 920.84m, sum.Difference);
    }
}
