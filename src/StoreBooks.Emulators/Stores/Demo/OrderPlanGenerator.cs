namespace StoreBooks.Emulators.Stores.Demo;

/// <summary>
/// Deterministic benchmark orders: plan <c>i</c> of a seed is always the same, and is computed when asked for, so that
/// 100,000 orders cost only their index rows until they are read. By default they span the year before the anchor, oldest
/// first, over the demo catalogue; <see cref="Between"/> places them between two times over a <see cref="GeneratedCatalog"/>,
/// after the orders of earlier generators (<see cref="FirstIndex"/>).
/// </summary>
public sealed class OrderPlanGenerator
{
    private static readonly PlanShipping[] Shippings =
    [
        new("Standard Shipping", "STANDARD", 6.95m, false),
        new("Express Shipping", "EXPRESS", 14.95m, true),
        new("Free Shipping over $75", "FREE", 0m, false),
    ];

    private static readonly PlanDiscount[] Discounts = [new("WELCOME10", true, 10m), new("SAVE5", false, 5m), new("BREW20", true, 20m)];

    private static readonly int[] SellableVariants =
        [.. DemoCatalog.Products.Where(p => p.Active).SelectMany(p => p.Variants).Where(v => v.Price is not null).Select(v => v.Key)];

    private readonly DateTimeOffset _from;
    private readonly TimeSpan _step;
    private readonly int _jitterSeconds;

    public OrderPlanGenerator(int seed, int count, DateTimeOffset anchor)
    {
        Seed = seed;
        Count = count;
        _step = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, TimeSpan.FromDays(365).Ticks / Math.Max(1, count)));
        _from = anchor - (_step * count);
        _jitterSeconds = 50;
    }

    private OrderPlanGenerator(int seed, int firstIndex, int count, DateTimeOffset from, DateTimeOffset to, GeneratedCatalog catalog)
    {
        Seed = seed;
        FirstIndex = firstIndex;
        Count = count;
        Catalog = catalog;
        _step = (to - from) / Math.Max(1, count);
        _from = from;
        _jitterSeconds = (int)Math.Min(50, _step.TotalSeconds);
    }

    public int Count { get; }

    public int Seed { get; }

    /// <summary>How many generated orders come before this generator's first (its plans are numbered on from there).</summary>
    public int FirstIndex { get; }

    /// <summary>The wide catalogue the orders buy from, or null for the demo catalogue.</summary>
    public GeneratedCatalog? Catalog { get; }

    /// <summary>
    /// <paramref name="count"/> orders evenly spread from <paramref name="from"/> to <paramref name="to"/>, numbered from
    /// <paramref name="firstIndex"/> (after the generated orders a store already holds), buying from <paramref name="catalog"/>:
    /// one in eight as a guest, the others by a customer of the catalogue.
    /// </summary>
    public static OrderPlanGenerator Between(int seed, int firstIndex, int count, DateTimeOffset from, DateTimeOffset to, GeneratedCatalog catalog)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(catalog.CustomerCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(catalog.SkuCount, 1);
        if (to < from)
        {
            throw new ArgumentException($"The orders' window ends ({to:O}) before it starts ({from:O}).", nameof(to));
        }

        return new OrderPlanGenerator(seed, firstIndex, count, from, to, catalog);
    }

    /// <summary>Whether plan index <paramref name="planIndex"/> (as in <see cref="OrderPlan.Index"/>) is one of this generator's.</summary>
    public bool Holds(int planIndex) => planIndex - DemoOrderBook.Count - FirstIndex is var local && local >= 0 && local < Count;

    /// <summary>The plan of index <paramref name="planIndex"/> (as in <see cref="OrderPlan.Index"/>).</summary>
    public OrderPlan PlanAt(int planIndex) => Plan(planIndex - DemoOrderBook.Count - FirstIndex);

    public OrderPlan Plan(int index)
    {
        if (index < 0 || index >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The generator has {Count} orders.");
        }

        var global = FirstIndex + index;
        var random = new Random(unchecked((Seed * 1_000_003) ^ (global * 7_919) + global));
        var created = _from + (_step * index) + TimeSpan.FromSeconds(random.Next(0, _jitterSeconds));
        int? customer = Catalog is { } wide
            ? random.Next(0, 8) == 0 ? null : GeneratedCatalog.CustomerKey(random.Next(wide.CustomerCount))
            : random.Next(0, 8) switch
            {
                0 or 1 => null,
                var k => k - 1,
            };
        var lineCount = 1 + random.Next(0, 100) switch { < 55 => 0, < 85 => 1, < 96 => 2, _ => 4 };
        var lines = new List<PlanLine>(lineCount);
        for (var i = 0; i < lineCount; i++)
        {
            lines.Add(new PlanLine(Catalog is { } skus ? GeneratedCatalog.VariantKey(random.Next(skus.SkuCount)) : SellableVariants[random.Next(SellableVariants.Length)], 1 + (random.Next(0, 10) < 7 ? 0 : random.Next(1, 4))));
        }

        var roll = random.Next(0, 100);
        var outcome = roll switch
        {
            < 78 => OrderOutcome.Paid,
            < 82 => OrderOutcome.Pending,
            < 84 => OrderOutcome.Authorized,
            < 90 => OrderOutcome.PartiallyRefunded,
            < 94 => OrderOutcome.Refunded,
            < 98 => OrderOutcome.Cancelled,
            _ => OrderOutcome.Test,
        };
        var shipping = random.Next(0, 10) == 0 ? null : Shippings[random.Next(Shippings.Length)];
        var discount = random.Next(0, 6) == 0 ? Discounts[random.Next(Discounts.Length)] : null;
        var fee = random.Next(0, 25) == 0 ? new PlanFee("Gift wrap", 3.50m, true) : null;
        if (outcome == OrderOutcome.PartiallyRefunded && lines.Count == 1 && lines[0].Quantity == 1)
        {
            lines[0] = lines[0] with { Quantity = 2 };
        }

        PlanRefund? refund = outcome switch
        {
            OrderOutcome.PartiallyRefunded => new PlanRefund([(0, 1)], random.Next(0, 4) == 0 && shipping is not null, "Item returned"),
            OrderOutcome.Refunded => new PlanRefund([], true, "Order refunded"),
            _ => null,
        };
        return new OrderPlan(DemoOrderBook.Count + global, created, customer, lines, shipping, discount, fee, DemoTaxes.For(customer),
            outcome, random.Next(0, 5) == 0, refund, null);
    }
}
