using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.Stores.Demo;

namespace StoreBooks.Emulators.WooCommerce.Data;

/// <summary>
/// The emulated WooCommerce site's data in memory, in WooCommerce's REST shapes: orders (indexed, rendered on demand),
/// refunds as the orders' children, products and their variations, customers, coupons, tax rates and webhooks.
/// </summary>
public sealed class WooStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly WooCommerceEmulatorOptions _options;
    private readonly WooOrderBuilder _builder;
    private SortedList<long, WooOrderRow> _orders = [];
    private List<WooOrderRow>? _snapshot;
    private readonly Dictionary<long, List<JsonObject>> _refunds = [];
    private IReadOnlyList<OrderPlan> _demoPlans = [];
    private readonly List<OrderPlanGenerator> _generators = [];
    private long _nextId = 900_000;

    internal WooStore(WooCommerceEmulatorOptions options, TimeProvider time, Func<string> site)
    {
        _options = options;
        _time = time;
        _builder = new WooOrderBuilder(options, site);
        Catalog = new WooCatalogBuilder(options, site);
    }

    internal WooCatalogBuilder Catalog { get; }

    internal Lock Gate => _gate;

    internal SortedDictionary<long, JsonObject> Products { get; } = [];

    internal Dictionary<long, SortedDictionary<long, JsonObject>> Variations { get; } = [];

    internal SortedDictionary<long, JsonObject> Customers { get; } = [];

    internal SortedDictionary<long, JsonObject> Coupons { get; } = [];

    internal SortedDictionary<long, JsonObject> Taxes { get; } = [];

    internal SortedDictionary<long, JsonObject> Webhooks { get; } = [];

    public int OrderCount
    {
        get
        {
            lock (_gate)
            {
                return _orders.Count;
            }
        }
    }

    internal long NextId()
    {
        lock (_gate)
        {
            return ++_nextId;
        }
    }

    internal void Clear()
    {
        lock (_gate)
        {
            _orders = [];
            _snapshot = null;
            _refunds.Clear();
            Products.Clear();
            Variations.Clear();
            Customers.Clear();
            Coupons.Clear();
            Taxes.Clear();
            Webhooks.Clear();
            _demoPlans = [];
            _generators.Clear();
        }
    }

    internal void UsePlans(IReadOnlyList<OrderPlan> demo, OrderPlanGenerator? generator)
    {
        lock (_gate)
        {
            _demoPlans = demo;
            _generators.Clear();
        }

        Index(demo.Concat(generator is null ? [] : Enumerable.Range(0, generator.Count).Select(generator.Plan)), generator);
    }

    /// <summary>
    /// Adds a generator's orders to those the store holds (their catalogue's products and customers are the caller's to add);
    /// its plan indexes must follow the generated orders already held.
    /// </summary>
    internal void AddPlans(OrderPlanGenerator generator)
    {
        lock (_gate)
        {
            if (_generators.Any(g => g.FirstIndex + g.Count > generator.FirstIndex))
            {
                throw new InvalidOperationException($"Generated orders from index {generator.FirstIndex} overlap those the store already holds.");
            }
        }

        Index(Enumerable.Range(0, generator.Count).Select(generator.Plan), generator);
    }

    private void Index(IEnumerable<OrderPlan> plans, OrderPlanGenerator? generator)
    {
        var now = _time.GetUtcNow();
        var rows = new List<WooOrderRow>();
        foreach (var plan in plans)
        {
            rows.Add(new WooOrderRow
            {
                Id = WooIds.Order(plan.Index),
                Created = plan.CreatedAt,
                Modified = plan.UpdatedAt,
                Status = WooOrderBuilder.Status(plan, now),
                CustomerId = plan.CustomerKey is { } c ? WooIds.Customer(c) : 0,
                PlanIndex = plan.Index,
            });
        }

        lock (_gate)
        {
            if (generator is not null)
            {
                _generators.Add(generator);
            }

            var sorted = new SortedList<long, WooOrderRow>(_orders.Count + rows.Count);
            foreach (var row in _orders.Values.Concat(rows).OrderBy(r => r.Id))
            {
                sorted[row.Id] = row;
            }

            _orders = sorted;
            _snapshot = null;
        }
    }

    private OrderPlan Plan(int index) => index < _demoPlans.Count ? _demoPlans[index] : _generators.First(g => g.Holds(index)).PlanAt(index);

    internal IReadOnlyList<WooOrderRow> OrderRows()
    {
        lock (_gate)
        {
            return _snapshot ??= [.. _orders.Values];
        }
    }

    internal WooOrderRow? FindOrder(long id)
    {
        lock (_gate)
        {
            return _orders.GetValueOrDefault(id);
        }
    }

    internal JsonObject Render(WooOrderRow row) =>
        row.Json is { } json ? (JsonObject)json.DeepClone() : _builder.Order(Plan(row.PlanIndex), _time.GetUtcNow());

    internal void PutOrder(JsonObject order)
    {
        var row = WooOrderRow.FromJson(order, _options.UtcOffset);
        lock (_gate)
        {
            var previous = _orders.GetValueOrDefault(row.Id);
            if (previous is { PlanIndex: >= 0 } && !_refunds.ContainsKey(row.Id) && _builder.Refund(Plan(previous.PlanIndex)) is { } refund)
            {
                _refunds[row.Id] = [refund];
            }

            _orders[row.Id] = row;
            _snapshot = null;
        }
    }

    internal List<JsonObject> Refunds(long orderId)
    {
        lock (_gate)
        {
            if (_refunds.TryGetValue(orderId, out var stored))
            {
                return [.. stored.Select(r => (JsonObject)r.DeepClone())];
            }

            var row = _orders.GetValueOrDefault(orderId);
            return row is { PlanIndex: >= 0 } && _builder.Refund(Plan(row.PlanIndex)) is { } refund ? [refund] : [];
        }
    }

    internal void PutRefund(long orderId, JsonObject refund)
    {
        lock (_gate)
        {
            if (!_refunds.TryGetValue(orderId, out var list))
            {
                var row = _orders.GetValueOrDefault(orderId);
                list = row is { PlanIndex: >= 0 } && _builder.Refund(Plan(row.PlanIndex)) is { } planned ? [planned] : [];
                _refunds[orderId] = list;
            }

            var id = StoreJson.Long(refund["id"]);
            list.RemoveAll(r => StoreJson.Long(r["id"]) == id);
            list.Add(refund);
        }
    }

    internal void PutVariation(long productId, JsonObject variation)
    {
        var id = StoreJson.Long(variation["id"]) ?? throw new InvalidDataException("A WooCommerce variation needs an \"id\".");
        lock (_gate)
        {
            if (!Variations.TryGetValue(productId, out var table))
            {
                Variations[productId] = table = [];
            }

            table[id] = variation;
        }
    }
}
