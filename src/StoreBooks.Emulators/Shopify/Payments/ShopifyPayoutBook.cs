using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Shopify.Data;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.Payments;

/// <summary>
/// Shopify Payments as the shop's orders imply it. Each successful <c>shopify_payments</c> sale or capture is a charge (fee
/// <see cref="ShopifyEmulatorOptions.PaymentsFeePercent"/> % + <see cref="ShopifyEmulatorOptions.PaymentsFeeFixed"/>, to the
/// cent; net = amount − fee) and each refund a negative refund row, on the day (shop time) it was processed. A day's rows,
/// with any the days before left over, are paid out two days later when their net is positive (else they wait for the next
/// day): payouts dated before today are paid, today's is in transit, tomorrow's (yesterday's rows) scheduled, and today's rows
/// are pending. Beside the orders: one adjustment, one reserve hold and its release, one chargeback (amount and a 15.00 fee)
/// and its reversal when won, and the third payout failed and sent again in a later one. Every payout is exactly the net of
/// its rows, and its summary says the same per kind.
/// </summary>
internal sealed class ShopifyPayoutBook(ShopifyEmulator shopify)
{
    /// <summary>Payout ids are above 2^53, so a client that reads ids as doubles gets them wrong.</summary>
    private const long PayoutIdBase = 9_007_199_254_800_000;
    private const long ChargeIdBase = 9_000_000_000_000_000_000;
    private const long ExtraIdBase = 9_150_000_000_000_000_000;
    private const long DisputeIdBase = 9_007_199_254_900_000;
    private const decimal ChargebackFee = 15.00m;
    private const int SettlementDays = 2;
    private const int FailedPayoutIndex = 2;

    private readonly Lock _gate = new();
    private (long Version, DateOnly Today, Ledger Ledger)? _cache;

    /// <summary>Payouts, balance transactions and disputes, computed ones and seeded ones together (seeded win on the same id).</summary>
    public Ledger Current()
    {
        var options = shopify.Options;
        var today = DateOnly.FromDateTime(shopify.Time.GetUtcNow().ToOffset(options.UtcOffset).DateTime);
        var version = shopify.Shop.Version;
        lock (_gate)
        {
            if (_cache is { } cache && cache.Version == version && cache.Today == today)
            {
                return cache.Ledger.WithSeed(shopify.Shop.Payments);
            }
        }

        var ledger = Compute(today);
        lock (_gate)
        {
            _cache = (version, today, ledger);
        }

        return ledger.WithSeed(shopify.Shop.Payments);
    }

    public static long PayoutId(DateOnly date) => PayoutIdBase + date.DayNumber;

    private Ledger Compute(DateOnly today)
    {
        var options = shopify.Options;
        var rows = new List<Row>();
        foreach (var order in shopify.Shop.OrderRows())
        {
            foreach (var t in shopify.Shop.Transactions(order.Id))
            {
                if (StoreJson.String(t["gateway"]) != "shopify_payments" || StoreJson.String(t["status"]) != "success"
                    || StoreJson.Decimal(t["amount"]) is not { } amount || StoreJson.Long(t["id"]) is not { } id
                    || StoreJson.Date(t["processed_at"] ?? t["created_at"], options.UtcOffset) is not { } at)
                {
                    continue;
                }

                var test = StoreJson.Bool(t["test"]) ?? false;
                switch (StoreJson.String(t["kind"]))
                {
                    case "sale" or "capture":
                        var fee = Fee(amount);
                        rows.Add(new Row(ChargeIdBase + (id % 100_000_000_000_000_000), "charge", amount, fee, amount - fee, at, test)
                        {
                            SourceId = id, SourceType = "charge", OrderId = order.Id, OrderTransactionId = id,
                        });
                        break;
                    case "refund":
                        rows.Add(new Row(ChargeIdBase + (id % 100_000_000_000_000_000), "refund", -amount, 0, -amount, at, test)
                        {
                            SourceId = id, SourceType = "refund", OrderId = order.Id, OrderTransactionId = id,
                        });
                        break;
                }
            }
        }

        var disputes = new List<JsonObject>();
        AddExtras(rows, disputes, today);
        var byDay = rows.GroupBy(r => Day(r.At)).ToDictionary(g => g.Key, g => g.OrderBy(r => r.At).ThenBy(r => r.Id).ToList());
        var payouts = new List<JsonObject>();
        var transactions = new List<JsonObject>();
        var batch = new List<Row>();
        if (byDay.Count > 0)
        {
            for (var day = byDay.Keys.Min(); day < today; day = day.AddDays(1))
            {
                if (byDay.TryGetValue(day, out var dayRows))
                {
                    batch.AddRange(dayRows);
                }

                if (batch.Count == 0 || batch.Sum(r => r.Net) <= 0)
                {
                    continue;
                }

                var date = day.AddDays(SettlementDays);
                var status = date < today ? "paid" : date == today ? "in_transit" : "scheduled";
                var payoutId = PayoutId(date);
                var amount = batch.Sum(r => r.Net);
                if (payouts.Count == FailedPayoutIndex && status == "paid")
                {
                    status = "failed";
                    var retry = new Row(ExtraIdBase + 100 + payouts.Count, "payout_failure", amount, 0, amount, At(date, 9), false)
                    {
                        SourceId = payoutId, SourceType = "payout",
                    };
                    (byDay.TryGetValue(date, out var list) ? list : byDay[date] = []).Add(retry);
                }

                payouts.Add(Payout(payoutId, status, date, amount, batch));
                transactions.AddRange(batch.Select(r => Render(r, payoutId, status)));
                batch = [];
            }
        }

        batch.AddRange(byDay.Where(d => d.Key >= today).SelectMany(d => d.Value));
        transactions.AddRange(batch.Select(r => Render(r, null, "pending")));
        var balance = batch.Sum(r => r.Net);
        return new Ledger(payouts, transactions, disputes, new JsonArray(new JsonObject { ["amount"] = StoreJson.Money(balance), ["currency"] = options.Currency }));
    }

    private decimal Fee(decimal amount) =>
        Math.Round((amount * shopify.Options.PaymentsFeePercent / 100m) + shopify.Options.PaymentsFeeFixed, 2, MidpointRounding.AwayFromZero);

    /// <summary>The adjustment, reserve, chargeback and reversal, placed among the first days that have charges.</summary>
    private void AddExtras(List<Row> rows, List<JsonObject> disputes, DateOnly today)
    {
        var charges = rows.Where(r => r.Type == "charge" && !r.Test && Day(r.At) < today).OrderBy(r => r.At).ThenBy(r => r.Id).ToList();
        var days = charges.Select(r => Day(r.At)).Distinct().ToList();
        if (days.Count < 4)
        {
            return;
        }

        rows.Add(new Row(ExtraIdBase + 1, "adjustment", -4.99m, 0, -4.99m, At(days[1], 14), false)
        {
            SourceId = ExtraIdBase + 1, SourceType = "adjustment", AdjustmentReason = "billing",
        });
        rows.Add(new Row(ExtraIdBase + 2, "reserve", -25.00m, 0, -25.00m, At(days[2], 13), false) { SourceId = ExtraIdBase + 2, SourceType = "reserve" });
        rows.Add(new Row(ExtraIdBase + 3, "reserve", 25.00m, 0, 25.00m, At(days[2].AddDays(7), 13), false) { SourceId = ExtraIdBase + 3, SourceType = "reserve" });

        // A chargeback on the first refund-free charge of the fourth day; won ten days later.
        var refunded = rows.Where(r => r.Type == "refund").Select(r => r.OrderId).ToHashSet();
        var disputed = charges.FirstOrDefault(c => Day(c.At) == days[3] && !refunded.Contains(c.OrderId)) ?? charges.First(c => Day(c.At) == days[3]);
        var disputeId = DisputeIdBase + 1;
        var opened = At(Day(disputed.At).AddDays(2), 10);
        var won = At(Day(disputed.At).AddDays(12), 10);
        var amount = disputed.Gross;
        rows.Add(new Row(ExtraIdBase + 4, "dispute", -amount, ChargebackFee, -amount - ChargebackFee, opened, false)
        {
            SourceId = disputeId, SourceType = "dispute", OrderId = disputed.OrderId, OrderTransactionId = disputed.OrderTransactionId,
        });
        var isWon = Day(won) < today;
        if (isWon)
        {
            rows.Add(new Row(ExtraIdBase + 5, "dispute", amount, -ChargebackFee, amount + ChargebackFee, won, false)
            {
                SourceId = disputeId, SourceType = "dispute", OrderId = disputed.OrderId, OrderTransactionId = disputed.OrderTransactionId,
            });
        }

        var offset = shopify.Options.UtcOffset;
        disputes.Add(new JsonObject
        {
            ["id"] = disputeId,
            ["order_id"] = disputed.OrderId,
            ["type"] = "chargeback",
            ["amount"] = StoreJson.Money(amount),
            ["currency"] = shopify.Options.Currency,
            ["reason"] = "fraudulent",
            ["network_reason_code"] = "4837",
            ["status"] = isWon ? "won" : "under_review",
            ["evidence_due_by"] = StoreJson.ShopifyDate(opened.AddDays(7), offset),
            ["evidence_sent_on"] = StoreJson.ShopifyDate(opened.AddDays(1), offset),
            ["finalized_on"] = isWon ? StoreJson.ShopifyDate(won, offset) : null,
            ["initiated_at"] = StoreJson.ShopifyDate(opened, offset),
        });
    }

    private DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(shopify.Options.UtcOffset).DateTime);

    private DateTimeOffset At(DateOnly day, int hour) =>
        new(day.ToDateTime(new TimeOnly(hour, 0)), shopify.Options.UtcOffset);

    private JsonObject Payout(long id, string status, DateOnly date, decimal amount, List<Row> rows)
    {
        var summary = new JsonObject();
        foreach (var (name, types) in SummaryParts)
        {
            var part = rows.Where(r => types.Contains(r.Type)).ToList();
            summary[name + "_fee_amount"] = StoreJson.Money(part.Sum(r => r.Fee));
            summary[name + "_gross_amount"] = StoreJson.Money(part.Sum(r => r.Gross));
        }

        return new JsonObject
        {
            ["id"] = id,
            ["status"] = status,
            ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["currency"] = shopify.Options.Currency,
            ["amount"] = StoreJson.Money(amount),
            ["summary"] = new JsonObject(summary.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value?.DeepClone()))),
        };
    }

    private static readonly (string Name, string[] Types)[] SummaryParts =
    [
        ("charges", ["charge"]),
        ("refunds", ["refund"]),
        ("adjustments", ["adjustment", "dispute"]),
        ("reserved_funds", ["reserve"]),
        ("retried_payouts", ["payout_failure"]),
    ];

    private JsonObject Render(Row row, long? payoutId, string payoutStatus) => new()
    {
        ["id"] = row.Id,
        ["type"] = row.Type,
        ["test"] = row.Test,
        ["payout_id"] = payoutId,
        ["payout_status"] = payoutStatus,
        ["currency"] = shopify.Options.Currency,
        ["amount"] = StoreJson.Money(row.Gross),
        ["fee"] = StoreJson.Money(row.Fee),
        ["net"] = StoreJson.Money(row.Net),
        ["source_id"] = row.SourceId,
        ["source_type"] = row.SourceType,
        ["source_order_id"] = row.OrderId,
        ["source_order_transaction_id"] = row.OrderTransactionId,
        ["processed_at"] = StoreJson.ShopifyDate(row.At, shopify.Options.UtcOffset),
        ["adjustment_order_transactions"] = row.Type == "adjustment" ? new JsonArray() : null,
        ["adjustment_reason"] = row.AdjustmentReason,
    };

    private sealed record Row(long Id, string Type, decimal Gross, decimal Fee, decimal Net, DateTimeOffset At, bool Test)
    {
        public long? SourceId { get; init; }

        public string? SourceType { get; init; }

        public long? OrderId { get; init; }

        public long? OrderTransactionId { get; init; }

        public string? AdjustmentReason { get; init; }
    }

    /// <summary>What the payments endpoints serve.</summary>
    internal sealed record Ledger(IReadOnlyList<JsonObject> Payouts, IReadOnlyList<JsonObject> Transactions, IReadOnlyList<JsonObject> Disputes, JsonArray Balance)
    {
        public Ledger WithSeed(ShopifyPaymentsSeed seed) => new(
            Merge(Payouts, seed.Payouts()),
            Merge(Transactions, seed.Transactions()),
            Merge(Disputes, seed.Disputes()),
            seed.Balance() ?? (JsonArray)Balance.DeepClone());

        private static List<JsonObject> Merge(IReadOnlyList<JsonObject> computed, List<JsonObject> seeded)
        {
            var ids = seeded.Select(s => StoreJson.Long(s["id"])).ToHashSet();
            return [.. computed.Where(c => !ids.Contains(StoreJson.Long(c["id"]))).Select(c => (JsonObject)c.DeepClone()), .. seeded];
        }
    }
}
