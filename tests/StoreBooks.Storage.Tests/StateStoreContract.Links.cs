using StoreBooks.Core.State;
using Xunit;

namespace StoreBooks.Storage.Tests;

/// <summary>The contract for links: reserve, find, save, list.</summary>
public abstract partial class StateStoreContract
{
    [Fact]
    public async Task Link_reserve_creates_a_pending_link_once()
    {
        var connection = await AddConnectionAsync();
        var reserved = await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "450789469", Ct);

        Assert.Equal(LinkState.Pending, reserved.State);
        Assert.Equal(1, reserved.Attempt);
        Assert.Equal(connection.Id, reserved.ConnectionId);
        Assert.Equal(LinkKind.Sale, reserved.Kind);
        Assert.Equal("450789469", reserved.SourceId);
        Assert.Null(reserved.QboId);
        Assert.Equal(Stored(Time.GetUtcNow()), reserved.UpdatedAt);
        Assert.True(reserved.RequestId.Length <= 36);

        Time.Advance(TimeSpan.FromSeconds(1));
        var again = await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "450789469", Ct);
        Assert.Equal(reserved, again);

        // Same source id, other kind or other connection: other links.
        var item = await Store.Links.ReserveAsync(connection.Id, LinkKind.Item, "450789469", Ct);
        Assert.NotEqual(reserved.Id, item.Id);
        var otherConnection = await AddConnectionAsync("other-shop");
        var elsewhere = await Store.Links.ReserveAsync(otherConnection.Id, LinkKind.Sale, "450789469", Ct);
        Assert.NotEqual(reserved.Id, elsewhere.Id);
    }

    [Fact]
    public async Task Link_reserve_is_idempotent_under_concurrency_across_store_instances()
    {
        var connection = await AddConnectionAsync();
        var other = await OpenAsync();

        var reserves = Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).Links.ReserveAsync(connection.Id, LinkKind.Sale, "1043", Ct), Ct));
        var links = await Task.WhenAll(reserves);

        Assert.Single(links.Select(l => l.Id).Distinct());
        Assert.Single(await Store.Links.ListAsync(connection.Id, null, null, Ct));
    }

    [Fact]
    public async Task Link_save_writes_every_field_and_keeps_created_with()
    {
        var connection = await AddConnectionAsync();
        var reserved = await Store.Links.ReserveAsync(connection.Id, LinkKind.Item, "organic-tee:Large / Blue", Ct);
        Time.Advance(TimeSpan.FromSeconds(3));

        var done = reserved with
        {
            State = LinkState.Done,
            QboId = "42",
            QboSyncToken = "0",
            Fingerprint = "sha256:abc",
            CreatedWith = "{\"Name\":\"Organic Tee - Large / Blue\"}",
            Message = null,
        };
        await Store.Links.SaveAsync(done, Ct);
        var read = await Store.Links.FindAsync(connection.Id, LinkKind.Item, "organic-tee:Large / Blue", Ct);
        Assert.Equal(done with { UpdatedAt = Stored(Time.GetUtcNow()) }, read);

        Time.Advance(TimeSpan.FromSeconds(3));
        var retried = done with { State = LinkState.Failed, Attempt = 2, QboSyncToken = "1", CreatedWith = "{\"Name\":\"changed\"}", Message = "QuickBooks refused: duplicate name" };
        await Store.Links.SaveAsync(retried, Ct);
        read = await Store.Links.FindAsync(connection.Id, LinkKind.Item, "organic-tee:Large / Blue", Ct);
        Assert.Equal(LinkState.Failed, read!.State);
        Assert.Equal(2, read.Attempt);
        Assert.Equal("1", read.QboSyncToken);
        Assert.Equal("QuickBooks refused: duplicate name", read.Message);
        Assert.Equal("{\"Name\":\"Organic Tee - Large / Blue\"}", read.CreatedWith);
        Assert.NotEqual(reserved.RequestId, read.RequestId);
    }

    [Fact]
    public async Task Link_save_of_a_second_link_for_the_same_record_is_refused()
    {
        var connection = await AddConnectionAsync();
        await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "1043", Ct);
        var impostor = new Link { Id = Guid.NewGuid(), ConnectionId = connection.Id, Kind = LinkKind.Sale, SourceId = "1043", State = LinkState.Done };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Links.SaveAsync(impostor, Ct));
        Assert.Single(await Store.Links.ListAsync(connection.Id, LinkKind.Sale, null, Ct));
    }

    [Fact]
    public async Task Link_find_many_returns_the_existing_ones_keyed_by_source_id()
    {
        var connection = await AddConnectionAsync();
        var ids = Enumerable.Range(1, 1200).Select(i => $"sku-{i}").ToList();
        foreach (var id in ids.Where((_, i) => i % 30 == 0))
        {
            await Store.Links.ReserveAsync(connection.Id, LinkKind.Item, id, Ct);
        }

        await Store.Links.ReserveAsync(connection.Id, LinkKind.Customer, "sku-2", Ct);

        var found = await Store.Links.FindManyAsync(connection.Id, LinkKind.Item, ids, Ct);

        Assert.Equal(40, found.Count);
        Assert.All(found, pair => Assert.Equal(pair.Key, pair.Value.SourceId));
        Assert.True(found.ContainsKey("sku-1"));
        Assert.False(found.ContainsKey("sku-2"));
        Assert.True(found.ContainsKey("sku-1171")); // past the first 500 ids asked for
        Assert.Empty(await Store.Links.FindManyAsync(connection.Id, LinkKind.Item, [], Ct));
        Assert.Empty(await Store.Links.FindManyAsync(connection.Id, LinkKind.Refund, ids, Ct));
    }

    [Fact]
    public async Task Link_list_filters_by_kind_and_state_oldest_change_first()
    {
        var connection = await AddConnectionAsync();
        var a = await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "a", Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        var b = await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "b", Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Store.Links.ReserveAsync(connection.Id, LinkKind.Item, "c", Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Store.Links.SaveAsync(a with { State = LinkState.Failed, Message = "no item" }, Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Store.Links.SaveAsync(b with { State = LinkState.Failed, Message = "no item" }, Ct);

        Assert.Equal(["c", "a", "b"], (await Store.Links.ListAsync(connection.Id, null, null, Ct)).Select(l => l.SourceId));
        Assert.Equal(["a", "b"], (await Store.Links.ListAsync(connection.Id, LinkKind.Sale, null, Ct)).Select(l => l.SourceId));
        Assert.Equal(["a", "b"], (await Store.Links.ListAsync(connection.Id, null, LinkState.Failed, Ct)).Select(l => l.SourceId));
        Assert.Equal(["c"], (await Store.Links.ListAsync(connection.Id, LinkKind.Item, LinkState.Pending, Ct)).Select(l => l.SourceId));
        Assert.Empty(await Store.Links.ListAsync(connection.Id, LinkKind.Sale, LinkState.Done, Ct));
    }
}
