using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.Stores.Demo;

namespace StoreBooks.Emulators.Shopify.Data;

/// <summary>
/// The emulated shop's data in memory: orders (indexed, rendered on demand), their transactions and refunds, products and
/// variants, inventory, locations, customers, tender transactions and webhook subscriptions. Every object is kept in
/// Shopify's own REST shape so that what is seeded is served back unchanged.
/// </summary>
public sealed class ShopifyShop
{
    private readonly Lock _gate = new();
    private readonly ShopifyEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ShopifyOrderBuilder _builder;
    private SortedList<long, ShopifyOrderRow> _orders = [];
    private List<ShopifyOrderRow>? _orderSnapshot;
    private readonly Dictionary<long, List<JsonObject>> _transactions = [];
    private readonly Dictionary<long, List<JsonObject>> _refunds = [];
    private IReadOnlyList<OrderPlan> _demoPlans = [];
    private readonly List<OrderPlanGenerator> _generators = [];
    private long _nextId = 6_900_000_000_000;
    private long _version;

    internal ShopifyShop(ShopifyEmulatorOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _builder = new ShopifyOrderBuilder(options);
    }

    internal SortedDictionary<long, JsonObject> Products { get; } = [];

    internal SortedDictionary<long, JsonObject> Variants { get; } = [];

    internal SortedDictionary<long, JsonObject> InventoryItems { get; } = [];

    internal List<JsonObject> InventoryLevels { get; } = [];

    internal SortedDictionary<long, JsonObject> Locations { get; } = [];

    internal SortedDictionary<long, JsonObject> Customers { get; } = [];

    internal List<JsonObject> TenderTransactions { get; } = [];

    internal SortedDictionary<long, JsonObject> Webhooks { get; } = [];

    internal Lock Gate => _gate;

    /// <summary>Shopify Payments objects loaded as seed data (fixture payouts, balance transactions, disputes, balance).</summary>
    internal ShopifyPaymentsSeed Payments { get; } = new();

    /// <summary>Goes up with every change to orders, transactions or refunds: what the payouts are computed from.</summary>
    internal long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>How many orders the shop holds.</summary>
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
            _orderSnapshot = null;
            _version++;
            Payments.Clear();
            _transactions.Clear();
            _refunds.Clear();
            Products.Clear();
            Variants.Clear();
            InventoryItems.Clear();
            InventoryLevels.Clear();
            Locations.Clear();
            Customers.Clear();
            TenderTransactions.Clear();
            Webhooks.Clear();
            _demoPlans = [];
            _generators.Clear();
        }
    }

    internal void UsePlans(IReadOnlyList<OrderPlan> demo, OrderPlanGenerator? generator)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _demoPlans = demo;
            _generators.Clear();
            foreach (var plan in demo)
            {
                _orders[ShopifyIds.Order(plan.Index)] = ShopifyOrderRow.FromPlan(plan, now);
            }

            if (generator is not null)
            {
                _generators.Add(generator);
                var rows = new List<KeyValuePair<long, ShopifyOrderRow>>(_orders.Count + generator.Count);
                rows.AddRange(_orders);
                for (var i = 0; i < generator.Count; i++)
                {
                    var row = ShopifyOrderRow.FromPlan(generator.Plan(i), now);
                    rows.Add(new(row.Id, row));
                }

                var sorted = new SortedList<long, ShopifyOrderRow>(rows.Count);
                foreach (var (id, row) in rows.OrderBy(r => r.Key))
                {
                    sorted.Add(id, row);
                }

                _orders = sorted;
            }

            _orderSnapshot = null;
            _version++;
        }
    }

    /// <summary>
    /// Adds a generator's orders to those the shop holds (their catalogue's products and customers are the caller's to add);
    /// its plan indexes must follow the generated orders already held.
    /// </summary>
    internal void AddPlans(OrderPlanGenerator generator)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_generators.Any(g => g.FirstIndex + g.Count > generator.FirstIndex))
            {
                throw new InvalidOperationException($"Generated orders from index {generator.FirstIndex} overlap those the shop already holds.");
            }

            _generators.Add(generator);
            for (var i = 0; i < generator.Count; i++)
            {
                var row = ShopifyOrderRow.FromPlan(generator.Plan(i), now);
                _orders[row.Id] = row;
            }

            _orderSnapshot = null;
            _version++;
        }
    }

    private OrderPlan Plan(int index) =>
        index < _demoPlans.Count ? _demoPlans[index] : _generators.First(g => g.Holds(index)).PlanAt(index);

    /// <summary>All order rows by ascending id (a snapshot; cheap to take repeatedly).</summary>
    internal IReadOnlyList<ShopifyOrderRow> OrderRows()
    {
        lock (_gate)
        {
            return _orderSnapshot ??= [.. _orders.Values];
        }
    }

    internal ShopifyOrderRow? FindOrder(long id)
    {
        lock (_gate)
        {
            return _orders.GetValueOrDefault(id);
        }
    }

    /// <summary>The order as Shopify serves it (a fresh copy the caller may trim).</summary>
    internal JsonObject Render(ShopifyOrderRow row) =>
        row.Json is { } json ? (JsonObject)json.DeepClone() : _builder.Order(Plan(row.PlanIndex), _time.GetUtcNow());

    internal void PutOrder(JsonObject order)
    {
        var row = ShopifyOrderRow.FromJson(order, _options.UtcOffset);
        lock (_gate)
        {
            var previous = _orders.GetValueOrDefault(row.Id);
            _orders[row.Id] = row;
            _orderSnapshot = null;
            _version++;
            if (previous is { PlanIndex: >= 0 } && !_transactions.ContainsKey(row.Id))
            {
                _transactions[row.Id] = _builder.Transactions(Plan(previous.PlanIndex));
            }

            if (order["refunds"] is JsonArray refunds)
            {
                foreach (var refund in refunds.OfType<JsonObject>())
                {
                    PutRefund(row.Id, (JsonObject)refund.DeepClone());
                }
            }
        }
    }

    internal List<JsonObject> Transactions(long orderId)
    {
        lock (_gate)
        {
            if (_transactions.TryGetValue(orderId, out var stored))
            {
                return [.. stored.Select(t => (JsonObject)t.DeepClone())];
            }

            var row = _orders.GetValueOrDefault(orderId);
            return row is { PlanIndex: >= 0 } ? _builder.Transactions(Plan(row.PlanIndex)) : [];
        }
    }

    internal void PutTransaction(long orderId, JsonObject transaction)
    {
        lock (_gate)
        {
            if (!_transactions.TryGetValue(orderId, out var list))
            {
                var row = _orders.GetValueOrDefault(orderId);
                list = row is { PlanIndex: >= 0 } ? _builder.Transactions(Plan(row.PlanIndex)) : [];
                _transactions[orderId] = list;
            }

            _version++;
            Upsert(list, transaction);
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
        }

        var row = FindOrder(orderId);
        return row is null ? [] : [.. (Render(row)["refunds"] as JsonArray ?? []).OfType<JsonObject>().Select(r => (JsonObject)r.DeepClone())];
    }

    /// <summary>
    /// The order that holds refund <paramref name="refundId"/> (as GraphQL's <c>refund(id:)</c> finds it): a refund stored
    /// through the API, or a generated order's own (whose id its plan gives).
    /// </summary>
    internal ShopifyOrderRow? FindOrderOfRefund(long refundId)
    {
        lock (_gate)
        {
            foreach (var (orderId, refunds) in _refunds)
            {
                if (refunds.Exists(r => StoreJson.Long(r["id"]) == refundId))
                {
                    return _orders.GetValueOrDefault(orderId);
                }
            }
        }

        return OrderRows().FirstOrDefault(r => r.PlanIndex >= 0 && ShopifyIds.Refund(r.PlanIndex) == refundId);
    }

    internal void PutRefund(long orderId, JsonObject refund)
    {
        lock (_gate)
        {
            if (!_refunds.TryGetValue(orderId, out var list))
            {
                _refunds[orderId] = list = [];
            }

            _version++;
            Upsert(list, refund);
        }
    }

    private static void Upsert(List<JsonObject> list, JsonObject item)
    {
        var id = StoreJson.Long(item["id"]);
        var at = id is null ? -1 : list.FindIndex(x => StoreJson.Long(x["id"]) == id);
        if (at >= 0)
        {
            list[at] = item;
        }
        else
        {
            list.Add(item);
        }
    }

    /// <summary>A product with its current variants in place of the stored ones.</summary>
    internal JsonObject RenderProduct(JsonObject stored)
    {
        var product = (JsonObject)stored.DeepClone();
        var id = StoreJson.Long(product["id"]);
        if (product.ContainsKey("variants"))
        {
            product["variants"] = new JsonArray([.. VariantsOf(id).Select(v => (JsonNode)v.DeepClone())]);
        }

        return product;
    }

    internal IEnumerable<JsonObject> VariantsOf(long? productId) =>
        Variants.Values.Where(v => StoreJson.Long(v["product_id"]) == productId)
            .OrderBy(v => StoreJson.Long(v["position"]) ?? 0).ThenBy(v => StoreJson.Long(v["id"]));

    internal void PutProduct(JsonObject product)
    {
        var id = StoreJson.Long(product["id"]) ?? throw new InvalidDataException("A Shopify product needs an \"id\".");
        lock (_gate)
        {
            if (product["variants"] is JsonArray variants)
            {
                foreach (var variant in variants.OfType<JsonObject>())
                {
                    var copy = (JsonObject)variant.DeepClone();
                    copy["product_id"] ??= id;
                    PutVariant(copy);
                }
            }

            Products[id] = product;
        }
    }

    internal void PutVariant(JsonObject variant)
    {
        var id = StoreJson.Long(variant["id"]) ?? throw new InvalidDataException("A Shopify variant needs an \"id\".");
        lock (_gate)
        {
            Variants[id] = variant;
        }
    }

    internal void PutInventoryLevel(JsonObject level)
    {
        lock (_gate)
        {
            var item = StoreJson.Long(level["inventory_item_id"]);
            var location = StoreJson.Long(level["location_id"]);
            InventoryLevels.RemoveAll(l => StoreJson.Long(l["inventory_item_id"]) == item && StoreJson.Long(l["location_id"]) == location);
            InventoryLevels.Add(level);
        }
    }
}
