namespace StoreBooks.Emulators.Stores.Demo;

/// <summary>
/// Deterministic benchmark orders: plan <c>i</c> of a seed is always the same, and is computed when asked for, so that
/// 100,000 orders cost only their index rows until they are read. They span the year before the anchor, oldest first.
/// </summary>
public sealed class OrderPlanGenerator(int seed, int count, DateTimeOffset anchor)
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

    public int Count { get; } = count;

    public int Seed { get; } = seed;

    private TimeSpan Spacing => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, TimeSpan.FromDays(365).Ticks / Math.Max(1, Count)));

    public OrderPlan Plan(int index)
    {
        if (index < 0 || index >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The generator has {Count} orders.");
        }

        var random = new Random(unchecked((Seed * 1_000_003) ^ (index * 7_919) + index));
        var created = anchor - (Spacing * (Count - index)) + TimeSpan.FromSeconds(random.Next(0, 50));
        int? customer = random.Next(0, 8) switch
        {
            0 or 1 => null,
            var k => k - 1,
        };
        var lineCount = 1 + random.Next(0, 100) switch { < 55 => 0, < 85 => 1, < 96 => 2, _ => 4 };
        var lines = new List<PlanLine>(lineCount);
        for (var i = 0; i < lineCount; i++)
        {
            lines.Add(new PlanLine(SellableVariants[random.Next(SellableVariants.Length)], 1 + (random.Next(0, 10) < 7 ? 0 : random.Next(1, 4))));
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
        return new OrderPlan(DemoOrderBook.Count + index, created, customer, lines, shipping, discount, fee, DemoTaxes.For(customer),
            outcome, random.Next(0, 5) == 0, refund, null);
    }
}
