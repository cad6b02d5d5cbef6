using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Conformance.RecordedSandboxTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Rules.TransactionRuleTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Cdc;

/// <summary>Rule 36: change data capture since a time, deletions as status Deleted, the 30-day window and the 1000-object cap.</summary>
public sealed class CdcTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    [Fact]
    public async Task Reports_changes_since_a_time_with_deletions_as_status_deleted()
    {
        using var api = emulator.Us();
        var before = await Seed.Customer(api, "Unchanged");
        var changed = await Seed.Customer(api, "Changed");
        var invoice = await api.Create("Invoice", WithCustomer(changed, Receipt(Line(5m, "1"))));
        var since = Since(emulator.Clock.GetUtcNow().AddMinutes(30));
        emulator.Clock.Advance(TimeSpan.FromHours(1));
        using var later = emulator.Reconnect(api);

        (await later.Post("customer", Sparse(await later.Read("Customer", Id(changed)), J("{`Notes`:`edited`}")))).AssertOk("Customer");
        (await later.Post("invoice?operation=delete", J($"{{`Id`:`{Id(invoice)}`,`SyncToken`:`0`}}"))).AssertOk("Invoice");

        var answer = await later.Get($"cdc?entities=customer,Invoice,Item&changedSince={Uri.EscapeDataString(since)}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var responses = answer.Body["CDCResponse"]![0]!["QueryResponse"]!.AsArray();
        Assert.Equal(3, responses.Count);
        var customers = responses[0]!["Customer"]!.AsArray();
        Assert.Equal([Id(changed)], customers.Select(c => c!["Id"]!.GetValue<string>()));
        var deleted = responses[1]!["Invoice"]!.AsArray().Single()!.AsObject();
        Assert.Equal("Deleted", deleted["status"]!.GetValue<string>());
        Assert.Equal(Id(invoice), deleted["Id"]!.GetValue<string>());
        Assert.Equal(1, responses[1]!["maxResults"]!.GetValue<int>());
        Assert.Empty(responses[2]!.AsObject());
        Assert.DoesNotContain(Id(before), customers.Select(c => c!["Id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Looks_back_at_most_30_days_and_accepts_an_older_changed_since()
    {
        using var api = emulator.Us();
        await Seed.Customer(api, "Old change");
        var longAgo = Since(emulator.Clock.GetUtcNow().AddYears(-5));
        emulator.Clock.Advance(TimeSpan.FromDays(31));
        using var later = emulator.Reconnect(api);
        await Seed.Customer(later, "Recent change");

        var answer = await later.Get($"cdc?entities=Customer&changedSince={Uri.EscapeDataString(longAgo)}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var customers = answer.Body["CDCResponse"]![0]!["QueryResponse"]![0]!["Customer"]!.AsArray();
        Assert.Equal(["Recent change"], customers.Select(c => c!["DisplayName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Answers_at_most_1000_objects_earliest_changes_first()
    {
        using var api = emulator.Us();
        var since = Since(emulator.Clock.GetUtcNow().AddSeconds(-1));
        for (var batch = 0; batch < 34; batch++)
        {
            var items = new JsonArray();
            for (var i = 0; i < 30; i++)
            {
                items.Add(J($"{{`bId`:`{i}`,`operation`:`create`,`Customer`:{{`DisplayName`:`Cdc {batch:00}-{i:00}`}}}}"));
            }

            Assert.Equal(HttpStatusCode.OK, (await api.Post("batch", new JsonObject { ["BatchItemRequest"] = items })).Status);
        }

        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        using var later = emulator.Reconnect(api);
        var last = await Seed.Customer(later, "Cdc late");

        var answer = await later.Get($"cdc?entities=Customer,Item&changedSince={Uri.EscapeDataString(since)}");

        var responses = answer.Body["CDCResponse"]![0]!["QueryResponse"]!.AsArray();
        var customers = responses[0]!["Customer"]!.AsArray();
        Assert.Equal(1000, customers.Count);
        Assert.DoesNotContain(Id(last), customers.Select(c => c!["Id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Missing_or_bad_parameters_are_faults()
    {
        using var api = emulator.Us();
        (await api.Get("cdc?entities=Customer")).AssertFault(HttpStatusCode.BadRequest, "2020", "Required param missing, need to supply the required value for the API");
        (await api.Get("cdc?changedSince=2026-01-01")).AssertFault(HttpStatusCode.BadRequest, "2020", "Required param missing, need to supply the required value for the API");
        (await api.Get("cdc?entities=Customer&changedSince=yesterday")).AssertFault(HttpStatusCode.BadRequest, "4001", "Invalid query");
        var unknown = (await api.Get("cdc?entities=Custmoer&changedSince=2026-03-01")).AssertFault(HttpStatusCode.BadRequest, "4001", "Invalid query");
        Assert.Equal("QueryValidationError: invalid context declaration: Custmoer", unknown["Detail"]!.GetValue<string>());
    }

    private static string Since(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Id(JsonObject entity) => entity["Id"]!.GetValue<string>();

    private static JsonObject WithCustomer(JsonObject customer, JsonObject form)
    {
        form["CustomerRef"] = J($"{{`value`:`{Id(customer)}`}}");
        return form;
    }
}
