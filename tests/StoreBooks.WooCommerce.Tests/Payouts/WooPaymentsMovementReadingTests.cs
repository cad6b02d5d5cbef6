using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Core.Payouts;
using StoreBooks.WooCommerce.Tests.Support;
using Xunit;

namespace StoreBooks.WooCommerce.Tests.Payouts;

/// <summary>
/// WooPayments rows beyond sales and refunds, read through StoreBooks' client from the emulator over loopback and checked against
/// the site's JSON: a dispute and its reversal (with the dispute fee out and back) belong to their order and are disputes; an
/// adjustment has no order; a withdrawal is a negative payout; a deposit paid out in euros keeps its currency, and its rows' gross
/// is their net and fee in euros (the report's amount being in the store's dollars).
/// </summary>
public sealed class WooPaymentsMovementReadingTests(WooPaymentsMovementsFixture emulator) : IClassFixture<WooPaymentsMovementsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Disputes_adjustments_a_withdrawal_and_a_deposit_in_euros_are_read_as_the_site_states_them()
    {
        var charges = (await emulator.RawGetAsync("payments/reports/transactions?type=charge&per_page=100", Ct)).AsArray().OfType<JsonObject>()
            .Select(r => (Order: r["order_id"]!.GetValue<long>(), At: DateTimeOffset.Parse(r["date"]!.GetValue<string>() + "Z", CultureInfo.InvariantCulture), Amount: r["amount"]!.GetValue<long>()))
            .Where(r => r.At < DateTimeOffset.UtcNow.AddDays(-30)).OrderBy(r => r.At).ToList();
        var disputed = charges[1];
        await emulator.AdminAsync("payments/disputes", $$"""{"order_id":{{disputed.Order}},"opened_at":"{{Iso(disputed.At.AddDays(1))}}","won_at":"{{Iso(disputed.At.AddDays(8))}}"}""", Ct);
        await emulator.AdminAsync("payments/adjustments", $$"""{"amount":-3000.00,"at":"{{Iso(charges[^1].At.AddMinutes(1))}}","type":"financing_paydown"}""", Ct);
        var euroFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await emulator.AdminAsync("payments/settings", $$"""{"withdraw_beyond":500,"deposit_currency":"eur","exchange_rate":0.9,"foreign_from":"{{euroFrom}}"}""", Ct);
        var (source, _) = emulator.CreateSource();

        var payouts = new List<StorePayout>();
        await foreach (var page in source.ReadPayoutsAsync(null, Ct))
        {
            Assert.Empty(page.Problems);
            payouts.AddRange(page.Records);
        }

        var all = payouts.SelectMany(p => p.Transactions).ToList();
        var lost = Assert.Single(all, t => t.Type == "dispute");
        var won = Assert.Single(all, t => t.Type == "dispute_reversal");
        Assert.All(new[] { lost, won }, t =>
        {
            Assert.Equal(StorePayoutTransactionCategory.Dispute, t.Category);
            Assert.Equal(disputed.Order.ToString(CultureInfo.InvariantCulture), t.SourceOrderId);
            Assert.Null(t.SourceOrderTransactionId);
        });
        Assert.Equal((-disputed.Amount / 100m, 15.00m, -disputed.Amount / 100m - 15.00m), (lost.Gross, lost.Fee, lost.Net));
        Assert.Equal((disputed.Amount / 100m, -15.00m, disputed.Amount / 100m + 15.00m), (won.Gross, won.Fee, won.Net));

        var paydown = Assert.Single(all, t => t.Type == "financing_paydown");
        Assert.Equal(StorePayoutTransactionCategory.Adjustment, paydown.Category);
        Assert.Null(paydown.SourceOrderId);
        Assert.Equal(-3000.00m, paydown.Gross);

        var withdrawal = Assert.Single(payouts, p => p.Transactions.Contains(paydown));
        var siteWithdrawal = await emulator.RawGetAsync($"payments/deposits/{withdrawal.SourceId}", Ct);
        Assert.Equal("withdrawal", siteWithdrawal["type"]!.GetValue<string>());
        Assert.Equal(-siteWithdrawal["amount"]!.GetValue<long>() / 100m, withdrawal.Amount);
        Assert.True(withdrawal.Amount < 0);

        var euros = payouts.Where(p => p.Currency == "EUR").ToList();
        Assert.NotEmpty(euros);
        Assert.All(payouts, p => Assert.True(p.Sum().AddsUp, $"{p.SourceId}: {p.Sum()}"));
        foreach (var payout in euros)
        {
            var site = await emulator.RawGetAsync($"payments/deposits/{payout.SourceId}", Ct);
            Assert.Equal("eur", site["currency"]!.GetValue<string>());
            Assert.Equal(site["amount"]!.GetValue<long>() / 100m, Math.Abs(payout.Amount));
            Assert.All(payout.Transactions, t =>
            {
                Assert.Equal("EUR", t.Currency);
                Assert.Equal(t.Net + t.Fee, t.Gross);
            });
        }
    }
}
