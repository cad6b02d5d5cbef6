using StoreBooks.Core.Model;
using StoreBooks.Core.Sales;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Adversarial.AdversarialChecks;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Adversarial;

/// <summary>
/// Black-box attacks on buyers and documents that share batches: namesakes, one buyer's many orders, names and emails that
/// a query or a JSON body could choke on, guests, a zero-total sale, invoices with their payments, and refunds of sales posted
/// in the same run.
/// </summary>
public sealed class BuyerBatchingAdversarialTests
{
    [Fact]
    public async Task Namesakes_with_different_emails_in_one_batch_become_different_customers_and_every_order_posts()
    {
        // Three people called Ann Lee (QuickBooks compares names ignoring case and surrounding spaces), one order each, twice.
        StoreCustomer[] anns =
        [
            Buyer("c-ann-1", "Ann", "Lee", "ann.lee@example.com"),
            Buyer("c-ann-2", "Ann", "Lee", "annlee.designs@example.ca"),
            Buyer("c-ann-3", "ann", "LEE ", "a.lee1987@example.org"),
        ];
        var orders = Enumerable.Range(0, 6).Select(i => Sale(7100 + i, anns[i % 3], i, 1 + i)).ToArray();
        await using var scenario = await StartAsync(orders);

        var summary = await RunAsync(scenario);

        Assert.Null(summary.Run.Error);
        AssertAllPosted(summary, orders);
        await AssertEachOnceAsync(scenario, orders);
        var customers = await scenario.AllAsync(scenario.Qbo.Customers);
        Assert.True(customers.Count == 3, $"{customers.Count} customers: " + string.Join(" | ", customers.Select(c => $"{c.DisplayName} <{c.PrimaryEmailAddr?.Address}>")));
        Assert.Equal(3, customers.Select(c => c.DisplayName!.Trim().ToUpperInvariant()).Distinct().Count());
        foreach (var order in orders)
        {
            var customer = customers.Single(c => c.Id == scenario.ReceiptAsync(order).Result.CustomerRef?.Value);
            Assert.True(string.Equals(order.Customer!.Email, customer.PrimaryEmailAddr?.Address, StringComparison.OrdinalIgnoreCase),
                $"order #{order.Number} of {order.Customer.Email} is under {customer.DisplayName} <{customer.PrimaryEmailAddr?.Address}>");
            Assert.Contains("Lee", customer.DisplayName!, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Forty_five_orders_of_one_new_buyer_across_two_batches_make_one_customer()
    {
        // Her email is typed differently at checkout now and then; the store's customer id is the same.
        var orders = Enumerable.Range(0, 45).Select(i =>
            Sale(7200 + i, Buyer("c-maya", "Maya", "Okafor", i % 5 == 0 ? "Maya.Okafor@Example.com" : "maya.okafor@example.com"), i, 1 + (i % 2), 32.00m)).ToArray();
        await using var scenario = await StartAsync(orders);

        var summary = await RunAsync(scenario);

        Assert.Null(summary.Run.Error);
        AssertAllPosted(summary, orders);
        await AssertEachOnceAsync(scenario, orders);
        var customer = Assert.Single(await scenario.AllAsync(scenario.Qbo.Customers));
        Assert.All(await scenario.AllAsync(scenario.Qbo.SalesReceipts), r => Assert.Equal(customer.Id, r.CustomerRef?.Value));
        Assert.True(Count(summary, "qbo.batches") >= 2, $"{Count(summary, "qbo.batches")} batches for 45 receipts");
    }

    [Fact]
    public async Task Buyers_whose_names_and_emails_hold_quotes_backslashes_emoji_and_other_scripts_post_and_are_found_again()
    {
        var longLast = "Wolfeschlegelsteinhausenbergerdorff-Vonhausen-Bergerdorffschlegel-Steinhausenwolfe-Schlegelbergerdorf-Junior";
        StoreCustomer[] buyers =
        [
            Buyer("c-obrien", "Siobhán", "O'Brien", "siobhan.o'brien@example.ie"),
            Buyer("c-quote", "Dwayne \"Rocky\"", "Johnson", "rocky.j@example.com"),
            Buyer("c-slash", "Back\\slash", "D'Souza \\", "back.slash@example.com"),
            Buyer("c-emoji", "Zoë 🌸", "Kim", "zoe+shop@example.com"),
            Buyer("c-jp", "太郎", "山田", "taro.yamada@example.jp"),
            Buyer("c-ru", "Алексей", "Смирнов", "aleksei.smirnov@example.ru"),
            Buyer("c-spaces", "  Ana  ", "  María López  ", "  ana.lopez@example.es  "),
            Buyer("c-long", "Hubert Blaine", longLast, "hubert.wolfe@example.com"),
            Buyer("c-colon", "Acme: Wholesale", "Buyer", "buying@acme-wholesale.example.com"),
            Buyer("c-noemail-quote", "Ciarán", "O'Neill", null),
            Buyer("c-noemail-slash", "Pat \"PJ\"", "Smith\\Jones", null),
            Buyer("c-percent", "Marge", "100% O'Hara", "marge%o'hara@example.com"),
        ];
        var orders = buyers.Select((b, i) => Sale(7300 + i, b, i, 1, 15.00m)).ToArray();
        await using var scenario = await StartAsync(orders);

        var summary = await RunAsync(scenario);

        Assert.Null(summary.Run.Error);
        AssertAllPosted(summary, orders);
        await AssertEachOnceAsync(scenario, orders);
        var customers = await scenario.AllAsync(scenario.Qbo.Customers);
        Assert.True(customers.Count == buyers.Length, $"{customers.Count} customers for {buyers.Length} buyers: " + string.Join(" | ", customers.Select(c => c.DisplayName)));
        var obrien = await scenario.Qbo.Customers.GetAsync((await scenario.ReceiptAsync(orders[0])).CustomerRef!.Value!, SalesScenario.Token);
        Assert.Equal("Siobhán O'Brien", obrien.DisplayName);
        var rocky = await scenario.Qbo.Customers.GetAsync((await scenario.ReceiptAsync(orders[1])).CustomerRef!.Value!, SalesScenario.Token);
        Assert.Equal("Dwayne \"Rocky\" Johnson", rocky.DisplayName);
        var taro = await scenario.Qbo.Customers.GetAsync((await scenario.ReceiptAsync(orders[4])).CustomerRef!.Value!, SalesScenario.Token);
        Assert.Contains("山田", taro.DisplayName!, StringComparison.Ordinal);

        // StoreBooks set up again (its links gone): each buyer's next order must find the customer made above, by the
        // email lookup (or the name for the two without email), not make a second one.
        var reorders = buyers.Select((b, i) => Sale(7400 + i, b, 120 + i, 2, 15.00m)).ToArray();
        Array.ForEach(reorders, scenario.Store.Put);
        var runner = await scenario.FreshHomeRunnerAsync();
        var again = await runner.RunAsync("test", cancellationToken: SalesScenario.Token);

        Assert.True(again.Run.Error is null, again.Run.Error);
        var after = await scenario.AllAsync(scenario.Qbo.Customers);
        Assert.True(after.Count == buyers.Length, $"{after.Count} customers after the second run: " + string.Join(" | ", after.Select(c => c.DisplayName)));
        var receipts = await scenario.AllAsync(scenario.Qbo.SalesReceipts);
        Assert.Equal(buyers.Length * 2, receipts.Count);
        for (var i = 0; i < buyers.Length; i++)
        {
            var first = receipts.Single(r => r.DocNumber == orders[i].Number);
            var second = receipts.Single(r => r.DocNumber == reorders[i].Number);
            Assert.True(first.CustomerRef?.Value == second.CustomerRef?.Value,
                $"buyer {buyers[i].SourceId} ({buyers[i].DisplayName}): first order under customer {first.CustomerRef?.Value}, next under {second.CustomerRef?.Value}");
        }
    }

    [Fact]
    public async Task A_buyer_whose_email_has_a_plus_tag_is_matched_to_the_customer_the_merchant_already_has()
    {
        // Plus-addressing ("name+shop@") is common at checkout; QuickBooks has her under that very email.
        var zoe = Buyer("c-zoe", "Zoë", "Kim", "zoe+shop@example.com");
        StoreOrder[] orders = [Sale(7350, zoe, 0), Sale(7351, Buyer("c-raj", "Raj", "Patel", "raj.patel@example.com"), 1)];
        await using var scenario = await StartAsync(orders);
        var existing = await scenario.Qbo.Customers.CreateAsync(
            new Customer { DisplayName = "Kim, Zoë (retail)", PrimaryEmailAddr = QuickBooks.Common.EmailAddress.Of("zoe+shop@example.com") },
            QuickBooks.QboRequestOptions.NewRequestId(), SalesScenario.Token);
        var found = await scenario.Qbo.Customers.FindAsync(scenario.Qbo.Customers.Where().WhereEquals("PrimaryEmailAddr", "zoe+shop@example.com"), SalesScenario.Token);
        Assert.True(found?.Id == existing.Id, "StoreBooks' client does not find a customer by an email with a plus sign");

        var summary = await RunAsync(scenario);

        AssertAllPosted(summary, orders);
        var customers = await scenario.AllAsync(scenario.Qbo.Customers);
        Assert.True((await scenario.ReceiptAsync(orders[0])).CustomerRef?.Value == existing.Id,
            "order #7350 of zoe+shop@example.com is not under her customer; customers now: " + string.Join(" | ", customers.Select(c => $"{c.DisplayName} <{c.PrimaryEmailAddr?.Address}>")));
        Assert.Equal(2, customers.Count);
    }

    [Fact]
    public async Task After_a_reinstall_known_buyers_with_an_old_and_a_new_order_in_one_run_keep_their_one_customer()
    {
        // Plain names and emails: nothing to escape. Each buyer is in QuickBooks (with this email) from a first run; StoreBooks
        // is set up again with an empty home, so one run adopts her old receipt and posts her new order. Five rounds, since
        // what goes wrong here does not go wrong every time.
        var problems = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            var buyers = Enumerable.Range(0, 6).Select(i => Buyer($"c-r{i}", "Grace", $"Hopper {i}", $"grace.hopper{i}@example.com")).ToArray();
            var orders = buyers.Select((b, i) => Sale(8100 + i, b, i)).ToArray();
            await using var scenario = await StartAsync(orders);
            await scenario.RunCleanAsync();
            Assert.Equal(6, (await scenario.AllAsync(scenario.Qbo.Customers)).Count);
            var reorders = buyers.Select((b, i) => Sale(8200 + i, b, 60 + i)).ToArray();
            Array.ForEach(reorders, scenario.Store.Put);

            var runner = await scenario.FreshHomeRunnerAsync();
            var again = await runner.RunAsync("test", cancellationToken: SalesScenario.Token);

            var customers = await scenario.AllAsync(scenario.Qbo.Customers);
            if (customers.Count != 6 || again.Run.Error is not null)
            {
                problems.Add($"round {round + 1}: {customers.Count} customers ({string.Join(" | ", customers.Select(c => $"{c.DisplayName} <{c.PrimaryEmailAddr?.Address}>"))}); run error {again.Run.Error ?? "none"}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task A_guest_checkout_and_a_zero_total_order_mixed_into_a_batch_post_once_with_the_rest()
    {
        var regulars = NewSales(10, 5, from: 7500);
        var guest = Order("7510").By(null).Line("MUG-STONE", "Stoneware Mug", 2, 16.00m, 0, Rate.Gst).At(DefaultTime.AddMinutes(11)).Build();
        var guestWithEmail = Order("7511").By(new StoreCustomer { Email = "guest.checkout@example.com" })
            .Line("MUG-STONE", "Stoneware Mug", 1, 16.00m, 0, Rate.Gst).At(DefaultTime.AddMinutes(12)).Build();
        // A giveaway: the tee fully discounted, nothing to pay.
        var free = Order("7512").By(Buyer("c-winner", "Lucía", "Gómez", "lucia.gomez@example.mx"))
            .Line("TEE-ORG-M", "Organic Cotton Tee - M", 1, 24.00m, 24.00m, Rate.Gst).At(DefaultTime.AddMinutes(13)).Build();
        Assert.Equal(0m, free.Totals.Total);
        StoreOrder[] orders = [.. regulars, guest, guestWithEmail, free];
        await using var scenario = await StartAsync(orders);

        var summary = await RunAsync(scenario);

        Assert.Null(summary.Run.Error);
        AssertAllPosted(summary, orders);
        await AssertEachOnceAsync(scenario, orders);
        Assert.Equal(0m, (await scenario.ReceiptAsync(free)).TotalAmt);
        Assert.Equal(33.60m, (await scenario.ReceiptAsync(guest)).TotalAmt);
        Assert.Equal(orders.Length, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
        await scenario.AssertBooksMatchStoreAsync();

        var again = await RunAsync(scenario);
        Assert.DoesNotContain(again.Outcomes, o => o.Result is OrderResult.Posted or OrderResult.Failed);
        Assert.Equal(orders.Length, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
    }

    [Fact]
    public async Task Refunds_of_sales_posted_in_the_same_run_post_once_each_and_add_up()
    {
        // 32 orders, every one refunded the next day: half one tee back, half the whole order.
        var orders = Enumerable.Range(0, 32).Select(i =>
        {
            var builder = Order((7600 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .By(Buyer($"c-ref-{i % 8}", "Noah", $"Tremblay {i % 8}", $"noah.tremblay{i % 8}@example.ca"))
                .Line("TEE-ORG-M", "Organic Cotton Tee - M", 2, 24.00m, 0, Rate.Gst)
                .Line("SOCK-3PK", "Bamboo Socks 3-pack", 1, 12.00m, 0, Rate.Gst)
                .Shipping(7.50m, 0, Rate.Gst)
                .At(DefaultTime.AddMinutes(i));
            builder = i % 2 == 0
                ? builder.Refund($"rf-{i}", DefaultTime.AddDays(1).AddMinutes(i), [(1, 1m, true)])
                : builder.Refund($"rf-{i}", DefaultTime.AddDays(1).AddMinutes(i), [(1, 2m, true), (2, 1m, true)], shipping: 7.50m);
            return builder.Build();
        }).ToArray();
        await using var scenario = await StartAsync(orders);

        var summary = await RunAsync(scenario);

        Assert.True(summary.Run.Error is null, Describe(summary));
        AssertAllPosted(summary, orders);
        await AssertEachOnceAsync(scenario, orders);
        Assert.Equal(32, Count(summary, "refunds.posted"));
        var refunds = await scenario.AllAsync(scenario.Qbo.RefundReceipts);
        Assert.Equal(32, refunds.Count);
        Assert.Equal(32, refunds.Select(r => r.DocNumber).Distinct().Count());
        foreach (var order in orders)
        {
            var refund = await scenario.RefundReceiptAsync(order, order.Refunds[0].SourceId);
            Assert.Equal((await scenario.ReceiptAsync(order)).CustomerRef?.Value, refund.CustomerRef?.Value);
        }

        await scenario.AssertBooksMatchStoreAsync();
        var again = await RunAsync(scenario);
        Assert.Equal(0, Count(again, "refunds.posted"));
        Assert.Equal(32, (await scenario.AllAsync(scenario.Qbo.RefundReceipts)).Count);
    }

    [Fact]
    public async Task Invoices_and_their_payments_for_new_buyers_in_batches_are_each_written_once_and_settle_the_invoice()
    {
        var orders = NewSales(33, 11, from: 7700);
        var sales = SalesScenario.CanadianSales(new SalesSettings { Document = SaleDocumentKind.Invoice });
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(sales), orders);

        var summary = await RunAsync(scenario);

        Assert.Null(summary.Run.Error);
        AssertAllPosted(summary, orders);
        Assert.All(orders, o => Assert.True(Outcome(summary, o).PaymentPosted, $"order #{o.Number}: no payment posted"));
        await AssertEachOnceAsync(scenario, orders, invoices: true);
        Assert.Equal(33, (await scenario.AllAsync(scenario.Qbo.Invoices)).Count);
        Assert.Equal(33, (await scenario.AllAsync(scenario.Qbo.Payments)).Count);
        Assert.Equal(11, (await scenario.AllAsync(scenario.Qbo.Customers)).Count);
        Assert.True(Count(summary, "qbo.batchedRecords") > 33, $"{Count(summary, "qbo.batchedRecords")} records batched of 77 new ones");
        await scenario.AssertBooksMatchStoreAsync();
    }

    [Fact]
    public async Task A_buyer_email_QuickBooks_refuses_inside_a_customer_batch_does_not_sink_the_other_buyers()
    {
        // "jo@localhost" has no dot: QuickBooks refuses it as a customer's email. The store took it at checkout.
        var orders = NewSales(14, 7, from: 7800);
        var odd = Sale(7814, Buyer("c-jo", "Jo", "March", "jo@localhost"), 20);
        await using var scenario = await StartAsync([.. orders, odd]);

        var summary = await RunAsync(scenario);

        Assert.Null(summary.Run.Error);
        AssertAllPosted(summary, orders);
        var jo = Outcome(summary, odd);
        Assert.True(jo.Result == OrderResult.Posted || (jo.Result == OrderResult.Failed && jo.Message?.Contains("order #7814", StringComparison.Ordinal) == true),
            $"order #7814: {jo.Result} {jo.Message}");
        await AssertEachOnceAsync(scenario, orders);
        Assert.Equal(7, (await scenario.AllAsync(scenario.Qbo.Customers)).Count(c => c.DisplayName!.StartsWith("Jordan Reyes", StringComparison.Ordinal)));
        Assert.True((await scenario.AllAsync(scenario.Qbo.Customers)).Count(c => c.DisplayName!.Contains("Jo March", StringComparison.Ordinal)) <= 1);
    }
}
