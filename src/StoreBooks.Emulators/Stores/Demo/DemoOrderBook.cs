namespace StoreBooks.Emulators.Stores.Demo;

/// <summary>
/// The built-in demo orders: 30 orders over the 40 days before the anchor, covering paid, pending, authorized, partially
/// refunded, refunded, cancelled and test orders, discount codes (fixed and percentage), shipping, a fee, a tax-exempt
/// customer, a tax-free state, gift cards and two tax rates on one order.
/// </summary>
public static class DemoOrderBook
{
    private static readonly PlanShipping Standard = new("Standard Shipping", "STANDARD", 6.95m, false);
    private static readonly PlanShipping Express = new("Express Shipping", "EXPRESS", 14.95m, true);
    private static readonly PlanShipping Free = new("Free Shipping over $75", "FREE", 0m, false);
    private static readonly PlanDiscount Welcome10 = new("WELCOME10", true, 10m);
    private static readonly PlanDiscount Brew20 = new("BREW20", true, 20m);
    private static readonly PlanDiscount Save5 = new("SAVE5", false, 5m);
    private static readonly PlanFee GiftWrap = new("Gift wrap", 3.50m, true);

    public const int Count = 30;

    public static IReadOnlyList<OrderPlan> Plans(DateTimeOffset anchor) =>
    [
        P(anchor, 0, 40, 9, 1, [L(11, 2)], Standard, null, null, OrderOutcome.Paid),
        P(anchor, 1, 39, 14, 2, [L(22, 1), L(71, 1)], Standard, null, null, OrderOutcome.Paid, split: true),
        P(anchor, 2, 38, 11, null, [L(61, 1), L(71, 2)], Standard, null, null, OrderOutcome.Paid),
        P(anchor, 3, 37, 16, 3, [L(81, 1), L(91, 1)], Free, Welcome10, null, OrderOutcome.Paid),
        P(anchor, 4, 36, 10, 4, [L(41, 3)], Standard, null, null, OrderOutcome.PartiallyRefunded, refund: R("Tin arrived dented", false, (0, 1))),
        P(anchor, 5, 35, 8, 5, [L(12, 4), L(31, 2)], Express, null, null, OrderOutcome.Paid, note: "Wholesale, tax exempt"),
        P(anchor, 6, 34, 19, 6, [L(101, 2)], Standard, null, null, OrderOutcome.Refunded, refund: R("Customer changed their mind", true)),
        P(anchor, 7, 33, 20, 1, [L(112, 1)], null, null, null, OrderOutcome.Paid),
        P(anchor, 8, 32, 13, 2, [L(92, 1)], Free, null, null, OrderOutcome.Cancelled),
        P(anchor, 9, 31, 12, null, [L(11, 1), L(51, 1)], Standard, Save5, null, OrderOutcome.Paid),
        P(anchor, 10, 30, 17, 3, [L(21, 2), L(62, 1)], Standard, null, GiftWrap, OrderOutcome.Paid, note: "Please wrap the dripper"),
        P(anchor, 11, 29, 15, 1, [L(11, 1)], Standard, null, null, OrderOutcome.Test),
        P(anchor, 12, 28, 10, 4, [L(81, 1)], Free, null, null, OrderOutcome.Authorized),
        P(anchor, 13, 27, 18, 6, [L(71, 3), L(102, 1)], Standard, null, null, OrderOutcome.Pending),
        P(anchor, 14, 26, 9, 2, [L(12, 1), L(22, 1), L(91, 1)], Free, Brew20, null, OrderOutcome.PartiallyRefunded, refund: R("Grinder returned", false, (2, 1))),
        P(anchor, 15, 24, 21, null, [L(42, 2), L(51, 2)], Express, null, null, OrderOutcome.PartiallyRefunded, refund: R("Late delivery", true, (0, 1))),
        P(anchor, 16, 22, 11, 3, [L(103, 1)], Standard, null, null, OrderOutcome.Paid),
        P(anchor, 17, 20, 8, 5, [L(12, 6)], Express, null, null, OrderOutcome.Paid, split: true),
        P(anchor, 18, 18, 16, 1, [L(31, 1), L(71, 1)], Standard, null, null, OrderOutcome.Refunded, refund: R("Wrong grind size", true)),
        P(anchor, 19, 16, 12, 4, [L(111, 2), L(11, 1)], Standard, null, null, OrderOutcome.Paid),
        P(anchor, 20, 14, 14, 2, [L(21, 1)], Standard, Save5, null, OrderOutcome.Cancelled),
        P(anchor, 21, 12, 10, null, [L(61, 1), L(81, 1), L(71, 1)], Free, null, GiftWrap, OrderOutcome.Paid),
        P(anchor, 22, 10, 19, 6, [L(41, 1)], Standard, null, null, OrderOutcome.Paid),
        P(anchor, 23, 9, 13, 3, [L(92, 1), L(12, 1)], Free, Brew20, null, OrderOutcome.Paid, split: true),
        P(anchor, 24, 7, 15, 1, [L(11, 3)], Standard, null, null, OrderOutcome.PartiallyRefunded, refund: R("One bag missing", false, (0, 1))),
        P(anchor, 25, 5, 11, 4, [L(102, 2), L(101, 1)], Standard, null, null, OrderOutcome.Test),
        P(anchor, 26, 4, 17, 2, [L(22, 2)], Express, null, null, OrderOutcome.Paid),
        P(anchor, 27, 3, 20, null, [L(51, 1), L(71, 1)], Standard, null, null, OrderOutcome.Pending),
        P(anchor, 28, 2, 9, 5, [L(31, 4)], Express, null, null, OrderOutcome.Authorized),
        P(anchor, 29, 1, 16, 6, [L(81, 1), L(91, 1), L(11, 2)], Free, Welcome10, null, OrderOutcome.Paid),
    ];

    private static PlanLine L(int variant, int quantity) => new(variant, quantity);

    private static PlanRefund R(string reason, bool shipping, params (int Line, int Quantity)[] lines) => new(lines, shipping, reason);

    private static OrderPlan P(
        DateTimeOffset anchor, int index, int daysAgo, int hour, int? customer, PlanLine[] lines, PlanShipping? shipping,
        PlanDiscount? discount, PlanFee? fee, OrderOutcome outcome, bool split = false, PlanRefund? refund = null, string? note = null)
    {
        var created = anchor.UtcDateTime.Date.AddDays(-daysAgo).AddHours(hour).AddMinutes(7 * index % 60);
        return new OrderPlan(index, new DateTimeOffset(created, TimeSpan.Zero), customer, lines, shipping, discount, fee,
            DemoTaxes.For(customer), outcome, split, refund, note);
    }
}

/// <summary>Sales tax by the customer's state: one rate in most states, two in Burlington VT (guests ship there), none in NH or for exempt buyers.</summary>
public static class DemoTaxes
{
    public static readonly PlanTaxRate Massachusetts = new(1, "MA State Tax", 0.0625m);
    public static readonly PlanTaxRate RhodeIsland = new(2, "RI State Tax", 0.07m);
    public static readonly PlanTaxRate Maine = new(3, "ME State Tax", 0.055m);
    public static readonly PlanTaxRate Vermont = new(4, "VT State Tax", 0.06m);
    public static readonly PlanTaxRate Burlington = new(5, "Burlington Local Option Tax", 0.01m);

    public static IReadOnlyList<PlanTaxRate> All => [Massachusetts, RhodeIsland, Maine, Vermont, Burlington];

    /// <summary>The guest address used by orders without a customer.</summary>
    public static readonly DemoCustomer Guest =
        new(0, "Alex", "Rivera", "alex.rivera@example.net", "+18025550199", "200 Church Street", "Burlington", "Vermont", "VT", "05401", false);

    public static IReadOnlyList<PlanTaxRate> For(int? customerKey)
    {
        var customer = customerKey is { } key ? DemoCatalog.Customer(key) : Guest;
        if (customer.TaxExempt)
        {
            return [];
        }

        return customer.ProvinceCode switch
        {
            "MA" => [Massachusetts],
            "RI" => [RhodeIsland],
            "ME" => [Maine],
            "VT" => [Vermont, Burlington],
            _ => [],
        };
    }
}
