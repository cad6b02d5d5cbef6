using System.Net;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Conformance.RecordedSandboxTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Requests;

/// <summary>Rule 35: a requestid gets the original status and body again, per realm, faults included.</summary>
public sealed class RequestIdTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    [Fact]
    public async Task The_same_requestid_replays_the_first_answer_and_writes_once()
    {
        using var api = emulator.Us();
        var body = J("{`DisplayName`:`Retry Me`}");

        var first = await api.Post("customer?requestid=0f8fad5bd9cb469fa16570867728950e", body);
        emulator.Clock.Advance(TimeSpan.FromSeconds(3));
        var second = await api.Post("customer?requestid=0f8fad5bd9cb469fa16570867728950e", body);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Body.ToJsonString(), second.Body.ToJsonString());
        Assert.Equal(1, (await api.Query("select count(*) from Customer")).Body["QueryResponse"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_fault_is_replayed_too_even_when_the_request_would_now_succeed()
    {
        using var api = emulator.Us();
        var holder = await api.Create("Customer", J("{`DisplayName`:`Taken`}"));
        var first = await api.Post("customer?requestid=dup-1", J("{`DisplayName`:`Taken`}"));
        first.AssertFault(HttpStatusCode.BadRequest, "6240", "Duplicate Name Exists Error");
        (await api.Post("customer", Sparse(holder, J("{`Active`:false}")))).AssertOk("Customer");

        var second = await api.Post("customer?requestid=dup-1", J("{`DisplayName`:`Taken`}"));

        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal(first.Body.ToJsonString(), second.Body.ToJsonString());
        (await api.Post("customer?requestid=dup-2", J("{`DisplayName`:`Taken`}"))).AssertOk("Customer");
    }

    [Fact]
    public async Task Requestids_belong_to_one_realm()
    {
        using var one = emulator.Us();
        using var two = emulator.Us();
        var a = (await one.Post("customer?requestid=shared", J("{`DisplayName`:`Realm one`}"))).AssertOk("Customer");
        var b = (await two.Post("customer?requestid=shared", J("{`DisplayName`:`Realm two`}"))).AssertOk("Customer");
        Assert.Equal("Realm two", b["DisplayName"]!.GetValue<string>());
        Assert.Equal("Realm one", a["DisplayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_different_body_under_a_used_requestid_gets_the_original_answer_by_default()
    {
        using var api = emulator.Us();
        var first = await api.Post("customer?requestid=reused", J("{`DisplayName`:`First body`}"));
        var second = await api.Post("customer?requestid=reused", J("{`DisplayName`:`Second body`}"));
        Assert.Equal(first.Body.ToJsonString(), second.Body.ToJsonString());
        Assert.Equal(0, (await api.Query("select count(*) from Customer where DisplayName = 'Second body'")).Body["QueryResponse"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Requestids_longer_than_50_are_refused_and_an_empty_one_is_ignored()
    {
        using var api = emulator.Us();
        (await api.Post("customer?requestid=" + new string('a', 51), J("{`DisplayName`:`Long id`}"))).AssertFault(HttpStatusCode.BadRequest, "2130", "Invalid Request Id Format");
        (await api.Post("customer?requestid=" + new string('a', 50), J("{`DisplayName`:`Long id`}"))).AssertOk("Customer");
        (await api.Post("customer?requestid=", J("{`DisplayName`:`No id 1`}"))).AssertOk("Customer");
        (await api.Post("customer?requestid=", J("{`DisplayName`:`No id 2`}"))).AssertOk("Customer");
    }
}
