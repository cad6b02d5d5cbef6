using StoreBooks.Core.Model;
using StoreBooks.Sync.Reports;
using StoreBooks.Sync.Tests.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Reports;

/// <summary>
/// The dashboard's Totals page: the store's totals beside QuickBooks' for a period, day by day, a sale on its document's date
/// and a refund on its refund receipt's; a day where they differ says so, and the others still agree.
/// </summary>
public sealed class TotalsByDayTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(-5));

    private static OrderBuilder Sale(string number, DateTimeOffset at, decimal price) =>
        Order(number).Line("MUG-1", "Stoneware Mug", 2, price, 0, Rate.Gst).Shipping(10m, 0, Rate.Gst).At(at);

    [Fact]
    public async Task Each_day_of_the_period_compares_its_own_documents_and_a_changed_order_differs_on_its_day_only()
    {
        var early = Sale("7301", Monday.AddDays(-5), 20m).Build();
        var first = Sale("7302", Monday, 18m).Build();
        var second = Sale("7303", Monday.AddHours(3), 25m).Build();
        var refunded = Sale("7304", Monday.AddDays(1), 30m).Refund("r-7304", Monday.AddDays(2), [(1, 1m, true)]).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), early, first, second, refunded);
        await scenario.RunCleanAsync();
        var context = await scenario.Harness.ContextAsync();
        var monday = DateOnly.FromDateTime(Monday.DateTime);

        var period = await TotalsReport.CompareByDayAsync(context, scenario.Store, monday, monday.AddDays(6), SalesScenario.Token);

        Assert.True(period.Agrees);
        Assert.Equal([monday, monday.AddDays(1), monday.AddDays(2)], period.Days.Select(d => d.Day));
        var day1 = period.Days[0].Totals;
        Assert.Equal(2, day1.Documents);
        Assert.Equal(first.Totals.Total + second.Totals.Total, Sales(day1).Store);
        Assert.Equal(Sales(day1).Store, Sales(day1).QuickBooks);
        Assert.Equal(first.Totals.Tax + second.Totals.Tax, day1.Lines.Single(l => l.Key == "tax").QuickBooks);
        Assert.Equal(1, period.Days[1].Totals.Documents);
        Assert.Equal(0, period.Days[1].Totals.Refunds);
        var refundDay = period.Days[2].Totals;
        Assert.Equal((0, 1), (refundDay.Documents, refundDay.Refunds));
        Assert.Equal(refunded.Refunds[0].Total, refundDay.Lines.Single(l => l.Key == "refunds").QuickBooks);
        Assert.Equal(3, period.Overall.Documents);
        Assert.Equal(first.Totals.Total + second.Totals.Total + refunded.Totals.Total, Sales(period.Overall).QuickBooks);

        // The store changes an order of the first day (no sync since): that day differs, the next ones still agree.
        scenario.Store.Put(Sale("7302", Monday, 19m).UpdatedAt(Monday.AddDays(3)).Build());
        var after = await TotalsReport.CompareByDayAsync(context, scenario.Store, monday, monday.AddDays(6), SalesScenario.Token);

        Assert.False(after.Agrees);
        Assert.False(after.Days[0].Agrees);
        Assert.Contains(after.Days[0].Totals.Lines, l => l.Key == "sales" && l.Store - l.QuickBooks == 2 * 1m * 1.05m);
        Assert.True(after.Days[1].Agrees);
        Assert.True(after.Days[2].Agrees);

        // The whole history, as the demo prints it, counts the order before the period too.
        var all = await TotalsReport.CompareAsync(context, scenario.Store, SalesScenario.Token);
        Assert.Equal(4, all.Documents);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()));
        var day = new DateOnly(2026, 3, 2);

        var context = await scenario.Harness.ContextAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            TotalsReport.CompareByDayAsync(context, scenario.Store, day, day.AddDays(-1), SalesScenario.Token));

        Assert.Contains("2026-03-01", refused.Message, StringComparison.Ordinal);
    }

    private static TotalsLine Sales(TotalsComparison totals) => totals.Lines.Single(l => l.Key == "sales");
}
