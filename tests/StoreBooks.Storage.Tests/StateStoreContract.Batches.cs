using StoreBooks.Core.State;
using Xunit;

namespace StoreBooks.Storage.Tests;

/// <summary>The contract for the journal of QuickBooks batch requests.</summary>
public abstract partial class StateStoreContract
{
    [Fact]
    public async Task Batch_saved_before_sending_is_listed_as_sent_until_closed()
    {
        var connection = await AddConnectionAsync();
        var other = await AddConnectionAsync("other");
        var linkId = Guid.NewGuid();
        var first = new QboBatchRecord
        {
            Id = Guid.NewGuid(),
            ConnectionId = connection.Id,
            RequestId = "3f2c1b0a9e8d4c7b6a5f4e3d2c1b0a9e",
            Items = """[{"bId":"s1","operation":"create","SalesReceipt":{"TotalAmt":12.5}}]""",
            Members = [new BatchMember("s1", linkId, LinkKind.Sale, "1043", 2, "SalesReceipt", "ABCDEF")],
            CreatedAt = Time.GetUtcNow(),
        };
        var second = first with { Id = Guid.NewGuid(), RequestId = "later", CreatedAt = Time.GetUtcNow().AddSeconds(1), Members = [] };
        await Store.Batches.OpenAsync(second, Ct);
        await Store.Batches.OpenAsync(first, Ct);
        await Store.Batches.OpenAsync(first with { Id = Guid.NewGuid(), ConnectionId = other.Id }, Ct);

        var open = await Store.Batches.ListOpenAsync(connection.Id, Ct);
        Assert.Equal([first.Id, second.Id], open.Select(b => b.Id));
        var read = open[0];
        Assert.Equal(first.RequestId, read.RequestId);
        Assert.Equal(first.Items, read.Items);
        Assert.Equal(Stored(first.CreatedAt), read.CreatedAt);
        var member = Assert.Single(read.Members);
        Assert.Equal(first.Members[0], member);

        await Store.Batches.CloseAsync(first.Id, Ct);
        Assert.Equal([second.Id], (await Store.Batches.ListOpenAsync(connection.Id, Ct)).Select(b => b.Id));
        Assert.Single(await Store.Batches.ListOpenAsync(other.Id, Ct));
    }
}
