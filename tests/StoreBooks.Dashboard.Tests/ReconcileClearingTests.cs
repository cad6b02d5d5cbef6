using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using StoreBooks.Core.Payouts;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Emulators;
using StoreBooks.Emulators.WooCommerce;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Accounts;
using StoreBooks.Web.Dashboard.Formatting;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>
/// The Reconcile page of a WooCommerce site paid through the Stripe plugin: each day's Stripe fees and nets, from the orders'
/// own fee meta, beside the fee lines and deposits into the clearing account that the sync booked, agreeing; in English and French.
/// </summary>
public sealed class ReconcileClearingTests(BrowserFixture browser)
{
    private const string Clearing = "Stripe Clearing";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("en-US", "Card fees booked per order", "Agree")]
    [InlineData("fr-CA", "Frais de carte comptabilisés par commande", "Concordent")]
    public async Task A_Stripe_sites_fees_and_nets_are_shown_day_by_day_beside_what_the_sync_booked(string locale, string heading, string agree)
    {
        await using var host = await DashboardHost.StartAsync(emulatorOptions: new EmulatorOptions
        {
            Port = 0,
            WooCommerce = new WooCommerceEmulatorOptions { DemoData = false, GeneratedOrders = 30, CardGateway = "stripe", StripeFeeMeta = true },
        });
        var settings = ConnectedShop.Posting with
        {
            Payouts = new PayoutSettings
            {
                Enabled = true, BankAccount = "Checking", FeesAccount = "Bank Charges", AdjustmentsAccount = "Uncategorized Expense",
                BankAccounts = new Dictionary<string, string> { ["stripe"] = Clearing },
            },
        };
        var woo = await host.AddConnectedWooAsync(settings: settings);
        var qbo = await ConnectedShop.QuickBooksAsync(host, woo);
        await qbo.Accounts.CreateAsync(new Account { Name = Clearing, AccountType = "Other Current Asset", AccountSubType = "OtherCurrentAssets" }, QboRequestOptions.NewRequestId(), Ct);
        var result = await host.Server.Jobs.RunAsync(woo.Id, "manual", Ct);
        Assert.Null(result.Run!.Error);

        // What the page must show, from the site's own orders: per day of payment, the Stripe fee and net of each posted order.
        var fees = await qbo.Deposits.QueryAsync(qbo.Deposits.Where(), Ct).ToListAsync(Ct);
        Assert.NotEmpty(fees);
        var expected = await StripeFiguresAsync(host);
        // The fee deposits hold each order's total less its fee; a refund's deposit totals 0 (it moves the refund out of the
        // clearing account against the refund receipt), so the deposits' totals leave the refunds out.
        Assert.Equal(expected.Sum(d => d.Net - d.Refunded), fees.Sum(d => d.TotalAmt));

        await using var context = await browser.Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        if (locale == "en-US")
        {
            await SignUpAsync(page, host);
        }
        else
        {
            await SignUpInFrenchAsync(page, host, "Maple Leaf Goods");
        }

        var from = expected.Min(d => d.Day);
        var to = expected.Max(d => d.Day);
        await page.GotoAsync(host.Url($"/connections/{woo.Id}/reconcile?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"));

        var culture = CultureInfo.GetCultureInfo(locale);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
        var rows = page.Locator("table.clearing tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(expected.Count);
        foreach (var day in expected)
        {
            var row = rows.Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = DisplayFormat.Date(new DateTimeOffset(day.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), culture), Exact = true }) });
            var cells = row.Locator("td");
            await Assertions.Expect(cells.Nth(1)).ToHaveTextAsync(day.Orders.ToString(culture));
            await Assertions.Expect(cells.Nth(2)).ToHaveTextAsync(DisplayFormat.Amount(day.Fee, "USD", culture));
            await Assertions.Expect(cells.Nth(3)).ToHaveTextAsync(DisplayFormat.Amount(day.Fee, "USD", culture));
            await Assertions.Expect(cells.Nth(4)).ToHaveTextAsync(DisplayFormat.Amount(day.Net, "USD", culture));
            await Assertions.Expect(cells.Nth(5)).ToHaveTextAsync(DisplayFormat.Amount(day.Net, "USD", culture));
            await Assertions.Expect(cells.Last).ToHaveTextAsync(agree);
        }

        await Assertions.Expect(page.Locator("table.clearing caption")).ToContainTextAsync(DisplayFormat.Amount(expected.Sum(d => d.Net), "USD", culture));
        await AssertAccessibleAsync(page);
    }

    private sealed record StripeDay(DateOnly Day, int Orders, decimal Fee, decimal Net, decimal Refunded);

    /// <summary>
    /// The site's paid Stripe orders, read with a raw client (not StoreBooks'): per day the order was placed (in GMT, the sales
    /// receipt's date, which the fee's deposit takes), how many, their
    /// <c>_stripe_fee</c> and their total less that fee and less their refunds (what stays in the clearing account), for the orders StoreBooks posted.
    /// </summary>
    private static async Task<List<StripeDay>> StripeFiguresAsync(DashboardHost host)
    {
        using var http = new HttpClient { BaseAddress = new Uri(host.Emulator!.BaseUrl, "wp-json/wc/v3/") };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var orders = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var text = await http.GetStringAsync(new Uri($"orders?per_page=100&page={page}&consumer_key=ck_demo&consumer_secret=cs_demo", UriKind.Relative), Ct);
            var batch = JsonNode.Parse(text)!.AsArray().OfType<JsonObject>().ToList();
            orders.AddRange(batch);
            if (batch.Count < 100)
            {
                break;
            }
        }

        var connection = (await host.State.Connections.ListAsync(Ct)).Single();
        var posted = (await host.State.Links.ListAsync(connection.Id, Core.State.LinkKind.Sale, Core.State.LinkState.Done, Ct))
            .Select(l => l.SourceId).ToHashSet(StringComparer.Ordinal);
        return orders
            .Select(o => (Order: o, Fee: Meta(o, "_stripe_fee")))
            .Where(o => o.Fee is not null && posted.Contains(o.Order["id"]!.ToString()))
            .GroupBy(o => DateOnly.FromDateTime(DateTime.Parse((string)o.Order["date_created_gmt"]!, CultureInfo.InvariantCulture)))
            .Select(g => new StripeDay(g.Key, g.Count(), g.Sum(o => o.Fee!.Value), g.Sum(o => decimal.Parse((string)o.Order["total"]!, CultureInfo.InvariantCulture) - o.Fee!.Value + Refunded(o.Order)), g.Sum(o => Refunded(o.Order))))
            .OrderBy(d => d.Day)
            .ToList();
    }

    /// <summary>The order's refunds as the site lists them (each <c>total</c> negative): what Stripe took back from the net.</summary>
    private static decimal Refunded(JsonObject order) =>
        (order["refunds"] as JsonArray)?.OfType<JsonObject>().Sum(r => decimal.Parse(r["total"]!.ToString(), CultureInfo.InvariantCulture)) ?? 0;

    private static decimal? Meta(JsonObject order, string key) =>
        (order["meta_data"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(m => (string?)m["key"] == key)?["value"] is { } value
            ? decimal.Parse(value.ToString(), CultureInfo.InvariantCulture)
            : null;
}
