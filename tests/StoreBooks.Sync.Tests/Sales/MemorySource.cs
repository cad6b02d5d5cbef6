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
    private readonly Dictionary<string, SourceProblem> _unreadable = new(StringComparer.Ordinal);
    private readonly List<SourceProblem> _strays = [];

    public MemorySource(params StoreOrder[] orders)
    {
        foreach (var order in orders)
        {
            Put(order);
        }
    }

    public string Kind => "csv";

    /// <summary>Says the orders come oldest change first (they do): a sliced run may stop between pages. Off, as a CSV export says.</summary>
    public bool OrdersInChangeOrder { get; set; }

    public int PageSize { get; set; } = 50;

    /// <summary>The "changed since" of each stream read, in order.</summary>
    public List<DateTimeOffset?> Reads { get; } = [];

    /// <summary>Every id asked for by id (the runner's retry set).</summary>
    public IReadOnlyList<string> ReadById => _readById;

    /// <summary>Adds an order, or replaces the one with its id (as the store changing it).</summary>
    public void Put(StoreOrder order) => _orders[order.SourceId] = order;

    public StoreOrder this[string sourceId] => _orders[sourceId];

    /// <summary>The merchant deletes the order in the store.</summary>
    public void Delete(string sourceId)
    {
        _orders.Remove(sourceId);
        _unreadable.Remove(sourceId);
    }

    /// <summary>The store cannot read this order any more (a broken row): it comes as a problem naming the order, not as an order.</summary>
    public void Break(StoreOrder order, string message) => _unreadable[order.SourceId] = new SourceProblem($"order #{order.Number}", message)
    {
        OrderId = order.SourceId,
        OrderNumber = order.Number,
        UpdatedAt = order.UpdatedAt,
    };

    /// <summary>The order reads again (the merchant fixed the row); its data as it was, or as <see cref="Put"/> changed it.</summary>
    public void Mend(StoreOrder order) => _unreadable.Remove(order.SourceId);

    /// <summary>A record the store cannot tie to any order (a row broken before its id), met on every read of the stream.</summary>
    public void AddStray(string place, string message) => _strays.Add(new SourceProblem(place, message));

    public void ClearStrays() => _strays.Clear();

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
            yield return Read(page);
        }

        if (_strays.Count > 0)
        {
            yield return new SourcePage<StoreOrder>([]) { Problems = [.. _strays] };
        }
    }

    public async IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _readById.AddRange(sourceIds);
        var found = sourceIds.Where(_orders.ContainsKey).Select(id => _orders[id]).ToList();
        foreach (var page in found.Chunk(PageSize))
        {
            await Task.Yield();
            yield return Read(page);
        }
    }

    private SourcePage<StoreOrder> Read(IReadOnlyList<StoreOrder> orders) =>
        new([.. orders.Where(o => !_unreadable.ContainsKey(o.SourceId))])
        {
            Problems = [.. orders.Where(o => _unreadable.ContainsKey(o.SourceId)).Select(o => _unreadable[o.SourceId])],
        };
}
