using System.Runtime.CompilerServices;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// A store held in memory, as a scenario changes it between runs: orders come oldest change first, in pages, changed since the
/// cursor (inclusive), and by id for the runner's retries. It counts what was asked so tests can see what a run re-read.
/// </summary>
internal sealed class MemorySource : IStoreSource
{
    private readonly Dictionary<string, StoreOrder> _orders = new(StringComparer.Ordinal);
    private readonly List<string> _readById = [];

    public MemorySource(params StoreOrder[] orders)
    {
        foreach (var order in orders)
        {
            Put(order);
        }
    }

    public string Kind => "csv";

    public int PageSize { get; init; } = 50;

    /// <summary>The "changed since" of each stream read, in order.</summary>
    public List<DateTimeOffset?> Reads { get; } = [];

    /// <summary>Every id asked for by id (the runner's retry set).</summary>
    public IReadOnlyList<string> ReadById => _readById;

    /// <summary>Adds an order, or replaces the one with its id (as the store changing it).</summary>
    public void Put(StoreOrder order) => _orders[order.SourceId] = order;

    public StoreOrder this[string sourceId] => _orders[sourceId];

    /// <summary>Every order as the store has it now.</summary>
    public IReadOnlyList<StoreOrder> All => [.. _orders.Values];

    public async IAsyncEnumerable<SourcePage<StoreProduct>> ReadProductsAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public async IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Reads.Add(changedSince);
        var changed = _orders.Values.Where(o => changedSince is null || o.UpdatedAt >= changedSince)
            .OrderBy(o => o.UpdatedAt).ThenBy(o => o.SourceId, StringComparer.Ordinal).ToList();
        foreach (var page in changed.Chunk(PageSize))
        {
            await Task.Yield();
            yield return new SourcePage<StoreOrder>(page);
        }
    }

    public async IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _readById.AddRange(sourceIds);
        var found = sourceIds.Where(_orders.ContainsKey).Select(id => _orders[id]).ToList();
        foreach (var page in found.Chunk(PageSize))
        {
            await Task.Yield();
            yield return new SourcePage<StoreOrder>(page);
        }
    }
}
