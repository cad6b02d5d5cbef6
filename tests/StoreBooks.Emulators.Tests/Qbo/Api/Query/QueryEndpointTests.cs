using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Conformance.RecordedSandboxTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Rules.TransactionRuleTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Query;

/// <summary>The query endpoint over a realm: filters, operators, paging, counts, active-only name lists and faults.</summary>
public sealed class QueryEndpointTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    [Fact]
    public async Task Entity_names_and_keywords_ignore_case_as_node_quickbooks_sends_them()
    {
        using var api = emulator.Us();
        await api.Create("Item", J($"{{`Name`:`Blue Hat`,`Sku`:`HAT-1`,`Type`:`Service`,`IncomeAccountRef`:{{`value`:`{await Seed.AccountId(api, "Services")}`}}}}"));

        var answer = await api.Get("query?query=" + Uri.EscapeDataString("select * from item where Sku = 'HAT-1' startposition 1 maxresults 1000") + "&minorversion=75&format=json");

        var items = answer.Body["QueryResponse"]!["Item"]!.AsArray();
        Assert.Equal("Blue Hat", Assert.Single(items)!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_with_application_text_runs_the_body_as_the_query()
    {
        using var api = emulator.Us();
        var answer = await api.PostText("query", "select count(*) from Account where AccountType = 'Bank'", "application/text");
        Assert.Equal(3, answer.Body["QueryResponse"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Operators_compare_numbers_dates_text_and_references()
    {
        using var api = emulator.Us();
        var customer = await api.Create("Customer", J("{`DisplayName`:`Query Buyer`}"));
        foreach (var (amount, date) in new[] { (10m, "2026-01-05"), (250m, "2026-02-10"), (999.99m, "2026-02-28") })
        {
            var receipt = Receipt(Line(amount, "1"), txnDate: date);
            receipt["CustomerRef"] = J($"{{`value`:`{customer["Id"]}`}}");
            await api.Create("SalesReceipt", receipt);
        }

        await api.Create("SalesReceipt", Receipt(Line(5m, "1")));

        Assert.Equal(2, await Count(api, "select count(*) from SalesReceipt where TotalAmt > '100.00'"));
        Assert.Equal(2, await Count(api, "select count(*) from SalesReceipt where TotalAmt >= 250"));
        Assert.Equal(2, await Count(api, "select count(*) from SalesReceipt where TotalAmt <= 10"));
        Assert.Equal(1, await Count(api, "select count(*) from SalesReceipt where TxnDate >= '2026-02-01' and TxnDate < '2026-02-15'"));
        Assert.Equal(3, await Count(api, $"select count(*) from SalesReceipt where CustomerRef = '{customer["Id"]}'"));
        Assert.Equal(2, await Count(api, "select count(*) from SalesReceipt where TotalAmt in ('10', '999.99')"));
        Assert.Equal(4, await Count(api, "select count(*) from SalesReceipt where MetaData.CreateTime >= '2026-03-01T00:00:00-08:00'"));
        Assert.Equal(0, await Count(api, "select count(*) from SalesReceipt where MetaData.CreateTime > '2026-03-03'"));
    }

    [Fact]
    public async Task Like_matches_percent_wildcards_ignoring_case()
    {
        using var api = emulator.Us();
        foreach (var name in new[] { "Red Hat", "Blue Hat", "Hatstand", "Shoe" })
        {
            await Seed.Customer(api, name);
        }

        Assert.Equal(2, await Count(api, "select count(*) from Customer where DisplayName like '%hat'"));
        Assert.Equal(1, await Count(api, "select count(*) from Customer where DisplayName like 'hat%'"));
        Assert.Equal(3, await Count(api, "select count(*) from Customer where DisplayName like '%Hat%'"));
    }

    [Fact]
    public async Task Name_lists_answer_active_records_unless_active_is_constrained()
    {
        using var api = emulator.Us();
        var gone = await Seed.Customer(api, "Gone");
        await Seed.Customer(api, "Here");
        (await api.Post("customer", Sparse(gone, J("{`Active`:false}")))).AssertOk("Customer");

        Assert.Equal(1, await Count(api, "select count(*) from Customer"));
        Assert.Equal(2, await Count(api, "select count(*) from Customer where Active in (true, false)"));
        Assert.Equal(1, await Count(api, "select count(*) from Customer where Active = false"));
    }

    [Fact]
    public async Task Paging_orders_and_caps_at_1000()
    {
        using var api = emulator.Us();
        for (var i = 0; i < 12; i++)
        {
            await Seed.Customer(api, $"Pager {i:00}");
        }

        var page = (await api.Query("select * from Customer where DisplayName like 'Pager%' orderby DisplayName desc startposition 3 maxresults 4")).Body["QueryResponse"]!;
        Assert.Equal(["Pager 09", "Pager 08", "Pager 07", "Pager 06"], page["Customer"]!.AsArray().Select(c => c!["DisplayName"]!.GetValue<string>()));
        Assert.Equal(3, page["startPosition"]!.GetValue<int>());
        Assert.Equal(4, page["maxResults"]!.GetValue<int>());

        var all = (await api.Query("select * from Account maxresults 5000")).Body["QueryResponse"]!;
        Assert.Equal(all["Account"]!.AsArray().Count, all["maxResults"]!.GetValue<int>());
        var defaults = (await api.Query("select * from Account")).Body["QueryResponse"]!;
        Assert.Equal(1, defaults["startPosition"]!.GetValue<int>());
        Assert.True(defaults["Account"]!.AsArray().Count <= 100);
    }

    [Fact]
    public async Task Default_order_is_by_name_for_lists_and_by_id_for_transactions()
    {
        using var api = emulator.Us();
        foreach (var name in new[] { "zeta", "Alpha", "mid" })
        {
            await Seed.Customer(api, name);
        }

        var names = (await api.Query("select * from Customer")).Body["QueryResponse"]!["Customer"]!.AsArray().Select(c => c!["DisplayName"]!.GetValue<string>());
        Assert.Equal(["Alpha", "mid", "zeta"], names);
        var a = await api.Create("SalesReceipt", Receipt(Line(2m, "1")));
        var b = await api.Create("SalesReceipt", Receipt(Line(1m, "1")));
        var ids = (await api.Query("select * from SalesReceipt")).Body["QueryResponse"]!["SalesReceipt"]!.AsArray().Select(r => r!["Id"]!.GetValue<string>());
        Assert.Equal([a["Id"]!.GetValue<string>(), b["Id"]!.GetValue<string>()], ids);
    }

    [Fact]
    public async Task Invalid_queries_are_4000_or_4001()
    {
        using var api = emulator.Us();
        (await api.Query("select * from Customer where Name = 'a' OR Name = 'b'")).AssertFault(HttpStatusCode.BadRequest, "4000", "Error parsing query");
        var unknownProperty = (await api.Query("select * from Customer where Colour = 'red'")).AssertFault(HttpStatusCode.BadRequest, "4001", "Invalid query");
        Assert.Equal("QueryValidationError: property 'Colour' is not queryable", unknownProperty["Detail"]!.GetValue<string>());
        var zero = (await api.Query("select * from Customer startposition 0")).AssertFault(HttpStatusCode.BadRequest, "4001", "Invalid query");
        Assert.Equal("QueryValidationError: value 0 is too small. Min allowed value is 1", zero["Detail"]!.GetValue<string>());
        (await api.Query("select * from Customer where Line = 'x'")).AssertFault(HttpStatusCode.BadRequest, "4001", "Invalid query");
        (await api.Query("select * from Customer where BillAddr = 'x'")).AssertFault(HttpStatusCode.BadRequest, "4001", "Invalid query");
    }

    [Fact]
    public async Task Null_is_a_quoted_space()
    {
        using var api = emulator.Us();
        await api.Create("Customer", J("{`DisplayName`:`No company`}"));
        await api.Create("Customer", J("{`DisplayName`:`Has company`,`CompanyName`:`Co`}"));
        Assert.Equal(1, await Count(api, "select count(*) from Customer where CompanyName = ' '"));
    }

    private static async Task<int> Count(QboApi api, string query)
    {
        var answer = await api.Query(query);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToJsonString());
        return answer.Body["QueryResponse"]!["totalCount"]!.GetValue<int>();
    }
}
