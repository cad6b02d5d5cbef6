using StoreBooks.QuickBooks.Batch;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Invoices;
using StoreBooks.QuickBooks.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Entities;

/// <summary>Paged queries, escaping end to end, count, batch chunking and bId matching, and change data capture.</summary>
public sealed class QueryBatchCdcTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_until_the_end_and_agrees_with_count()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator, await emulator.NewRealmAsync());
        using var client = connection.CreateClient(pageSize: 7);
        var operations = Enumerable.Range(1, 45).Select(i => QboBatchOperation.Create(new Customer { DisplayName = $"Paged customer {i:D2}" })).ToList();
        var results = await client.Batch.ExecuteAsync(operations, QboRequestOptions.NewRequestId(), Ct);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));

        var all = await client.Query.ListAllAsync<Customer>(client.Customers.Where().WhereLike("DisplayName", "Paged customer%").OrderBy("DisplayName"), Ct);
        var count = await client.Customers.CountAsync(client.Customers.Where().WhereLike("DisplayName", "Paged customer%"), Ct);

        Assert.Equal(45, all.Count);
        Assert.Equal(45, count);
        Assert.Equal(45, all.Select(c => c.Id).Distinct().Count());
        Assert.Equal("Paged customer 01", all[0].DisplayName);
        Assert.Equal("Paged customer 45", all[^1].DisplayName);
    }

    [Fact]
    public async Task Finds_names_with_apostrophes_and_backslashes_and_inactive_records_on_request()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator, await emulator.NewRealmAsync());
        using var client = connection.CreateClient();
        var tricky = await client.Customers.CreateAsync(new Customer { DisplayName = @"Amy's Bird \ Sanctuary" }, QboRequestOptions.NewRequestId(), Ct);
        var gone = await client.Customers.CreateAsync(new Customer { DisplayName = "Closed Shop" }, QboRequestOptions.NewRequestId(), Ct);
        await client.Customers.DeactivateAsync(gone.Id!, gone.SyncToken!, QboRequestOptions.NewRequestId(), Ct);

        var found = await client.Customers.FindAsync(client.Customers.Where().WhereEquals("DisplayName", @"Amy's Bird \ Sanctuary"), Ct);
        var activeOnly = await client.Query.ListAllAsync<Customer>(client.Customers.Where().WhereIn("Id", [gone.Id!]), Ct);
        var withInactive = await client.Query.ListAllAsync<Customer>(client.Customers.Where().WhereIn("Id", [gone.Id!]).IncludeInactive(), Ct);

        Assert.Equal(tricky.Id, found?.Id);
        Assert.Empty(activeOnly);
        Assert.Single(withInactive);
        Assert.False(withInactive[0].Active);
    }

    [Fact]
    public async Task An_empty_result_is_an_empty_list()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        using var client = connection.CreateClient();

        var none = await client.Query.ListAllAsync<Customer>(client.Customers.Where().WhereEquals("DisplayName", "Nobody " + Guid.NewGuid()), Ct);

        Assert.Empty(none);
        Assert.Equal(0, await client.Customers.CountAsync(client.Customers.Where().WhereEquals("DisplayName", "Nobody at all"), Ct));
    }

    [Fact]
    public async Task A_batch_of_more_than_30_is_split_and_each_result_or_fault_matches_its_operation()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator, await emulator.NewRealmAsync());
        using var client = connection.CreateClient();
        await client.Customers.CreateAsync(new Customer { DisplayName = "Taken Name" }, QboRequestOptions.NewRequestId(), Ct);
        var operations = new List<QboBatchOperation>();
        for (var i = 0; i < 33; i++)
        {
            operations.Add(QboBatchOperation.Create(new Customer { DisplayName = $"Batch {i}" }, bId: $"c{i}"));
        }

        operations.Insert(17, QboBatchOperation.Create(new Customer { DisplayName = "Taken Name" }, bId: "dup"));
        operations.Add(QboBatchOperation.Select(client.Customers.Where().WhereEquals("DisplayName", "Taken Name"), bId: "q"));
        var requestId = QboRequestOptions.NewRequestId();

        var results = await client.Batch.ExecuteAsync(operations, requestId, Ct);
        var again = await client.Batch.ExecuteAsync(operations, requestId, Ct);
        var created = await client.Customers.CountAsync(client.Customers.Where().WhereLike("DisplayName", "Batch %"), Ct);

        Assert.Equal(35, results.Count);
        Assert.Equal(operations.Select(o => o.BId), results.Select(r => r.BId));
        Assert.IsType<QboDuplicateNameException>(results.Single(r => r.BId == "dup").Error);
        Assert.Equal("Batch 20", results.Single(r => r.BId == "c20").GetEntity<Customer>().DisplayName);
        Assert.Equal("Taken Name", Assert.Single(results.Single(r => r.BId == "q").GetQueryResults<Customer>()).DisplayName);
        Assert.Equal(33, created);
        Assert.Equal(results.Single(r => r.BId == "c5").GetEntity<Customer>().Id, again.Single(r => r.BId == "c5").GetEntity<Customer>().Id);
    }

    [Fact]
    public async Task Change_data_capture_returns_changes_and_deletions()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator, await emulator.NewRealmAsync());
        using var client = connection.CreateClient();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var customer = await client.Customers.CreateAsync(new Customer { DisplayName = "Changed Customer" }, QboRequestOptions.NewRequestId(), Ct);
        var services = (await client.Items.FindByNameAsync("Services", Ct))!;
        var invoice = await client.Invoices.CreateAsync(new Invoice { CustomerRef = StoreBooks.QuickBooks.Common.Ref.To(customer.Id!), Line = [StoreBooks.QuickBooks.Common.Line.SalesItem(StoreBooks.QuickBooks.Common.Ref.To(services.Id!), 1, 5m)] }, QboRequestOptions.NewRequestId(), Ct);
        await client.Invoices.DeleteAsync(invoice.Id!, invoice.SyncToken!, QboRequestOptions.NewRequestId(), Ct);

        var changes = await client.ChangeData.GetChangesAsync(["Customer", "Invoice"], since, Ct);

        Assert.Contains(changes.Get<Customer>(), c => c.Id == customer.Id && c.DisplayName == "Changed Customer");
        Assert.Contains(invoice.Id!, changes.DeletedIds<Invoice>());
    }
}
