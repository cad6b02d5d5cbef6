using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.Items;
using StoreBooks.QuickBooks.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Http;

/// <summary>5xx, dropped replies and the requestid rule, with the emulator's fault injection.</summary>
public sealed class RetryTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_retry_through_server_errors()
    {
        var realm = await emulator.NewRealmAsync();
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm);
        using var client = connection.CreateClient();
        await emulator.SetFaultsAsync(realm, new { failNext = 3, failStatus = 503 });

        var company = await client.GetCompanyInfoAsync(Ct);

        Assert.False(string.IsNullOrEmpty(company.CompanyName));
        Assert.Equal(3, (await emulator.CountersAsync(realm)).Counter("injectedFailures"));
    }

    [Fact]
    public async Task Server_errors_that_outlast_the_retries_are_a_typed_system_error()
    {
        var realm = await emulator.NewRealmAsync();
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm);
        using var client = connection.CreateClient(retry: QboTestConnection.FastRetry with { MaxRetryAttempts = 2 });
        await emulator.SetFaultsAsync(realm, new { failNext = 10 });

        var error = await Assert.ThrowsAsync<QboSystemException>(() => client.GetCompanyInfoAsync(Ct));

        Assert.Equal(500, error.HttpStatus);
        Assert.Equal("10000", error.Code);
        Assert.Equal(3, (await emulator.CountersAsync(realm)).Counter("injectedFailures"));
    }

    [Fact]
    public async Task A_write_whose_reply_is_dropped_is_retried_with_the_same_requestid_and_creates_one_object()
    {
        var realm = await emulator.NewRealmAsync();
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm);
        using var client = connection.CreateClient();
        var name = "Dropped reply " + Guid.NewGuid().ToString("N")[..8];
        await emulator.SetFaultsAsync(realm, new { dropNext = 1 });

        var created = await client.Items.CreateAsync(ServiceItem(name, await IncomeAccountAsync(client)), QboRequestOptions.WithRequestId("create-" + name[^8..]), Ct);
        var counters = await emulator.CountersAsync(realm);
        var matching = await client.Query.ListAllAsync<Item>(client.Items.Where().WhereEquals("Name", name), Ct);

        Assert.Equal(1, counters.Counter("droppedResponses"));
        Assert.Single(matching);
        Assert.Equal(created.Id, matching[0].Id);
    }

    [Fact]
    public async Task A_post_without_requestid_is_sent_once_even_when_its_reply_is_lost()
    {
        var realm = await emulator.NewRealmAsync();
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm);
        await using var limits = new QboRealmLimits();
        using var http = new HttpClient(QboHttpPipeline.Create(connection.CreateKeeper(), limits, QboTestConnection.FastRetry, NullLogger.Instance, TimeProvider.System));
        await emulator.SetFaultsAsync(realm, new { dropNext = 1 });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl, $"v3/company/{realm}/item?minorversion=75"))
        {
            Content = new StringContent("""{"Name":"No request id","Type":"Service"}""", Encoding.UTF8, "application/json"),
        };
        request.Options.Set(QboCall.Key, new QboCall(realm, "Item", "create", IsRead: false, RequestId: null));

        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(request, Ct));

        var counters = await emulator.CountersAsync(realm);
        Assert.Equal(1, counters.Counter("requests"));
        Assert.Equal(1, counters.Counter("droppedResponses"));
    }

    [Fact]
    public async Task Writes_refuse_to_go_without_a_requestid()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        using var client = connection.CreateClient();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Items.CreateAsync(new Item { Name = "x" }, new QboRequestOptions { RequestId = " " }, Ct));
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => client.Items.CreateAsync(new Item { Name = "x" }, QboRequestOptions.WithRequestId(new string('a', 51)), Ct));

        Assert.Contains("requestid", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 50", tooLong.Message, StringComparison.Ordinal);
    }

    internal static Item ServiceItem(string name, StoreBooks.QuickBooks.Common.Ref income) => new()
    {
        Name = name,
        Type = ItemTypes.Service,
        UnitPrice = 12.50m,
        IncomeAccountRef = income,
    };

    internal static async Task<StoreBooks.QuickBooks.Common.Ref> IncomeAccountAsync(QboClient client)
    {
        var account = await client.Accounts.FindAsync(client.Accounts.Where().WhereEquals("AccountType", "Income"), Ct)
            ?? throw new InvalidOperationException("The emulator's company has no Income account.");
        return StoreBooks.QuickBooks.Common.Ref.To(account.Id!, account.Name);
    }
}
