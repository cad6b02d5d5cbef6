using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.WooCommerce.Payments;

/// <summary>
/// WooPayments as the site's orders imply it, in the plugin's REST shapes (amounts in integer cents). Each paid
/// <c>woocommerce_payments</c> order is a charge on the day it was paid (fee <see cref="WooCommerceEmulatorOptions.CardFee"/>,
/// net = amount − fee) and each refund given back through the gateway a negative refund row on its day (site time). A day's
/// rows, with any left over from the days before, are deposited two days later when their net is positive: deposits dated
/// before today are paid, today's in transit, later ones pending (estimated); today's rows are in no deposit yet. Every deposit
/// is exactly the net of its transactions. Disputes (the order's total and a dispute fee out; both back when won) and
/// adjustments added through the emulator's admin routes are rows of their day; with <see cref="WooPaymentsSettings.WithdrawBeyond"/>
/// a day whose balance is negative beyond it is a <c>withdrawal</c> of that amount from the bank.
/// </summary>
internal sealed class WooPaymentsBook(WooCommerceEmulator woo)
{
    public const string Gateway = "woocommerce_payments";
    private const int SettlementDays = 2;
    private readonly Lock _gate = new();
    private readonly List<WooDispute> _disputes = [];
    private readonly List<WooAdjustment> _adjustments = [];
    private WooPaymentsSettings _settings = new();

    public WooPaymentsSettings Settings
    {
        get { lock (_gate) { return _settings; } }
        set { lock (_gate) { _settings = value; } }
    }

    public void AddDispute(WooDispute dispute)
    {
        lock (_gate)
        {
            _disputes.Add(dispute);
        }
    }

    public void AddAdjustment(WooAdjustment adjustment)
    {
        lock (_gate)
        {
            _adjustments.Add(adjustment);
        }
    }

    /// <summary>Forgets disputes, adjustments and settings (the site's reset).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _disputes.Clear();
            _adjustments.Clear();
            _settings = new();
        }
    }

    /// <summary>The order's total when it was paid through WooPayments (a dispute can be opened on it), else null.</summary>
    public decimal? PaidTotal(long orderId)
    {
        var entry = woo.Store.OrderRows().FirstOrDefault(r => r.Id == orderId);
        if (entry is null)
        {
            return null;
        }

        var order = woo.Store.Render(entry);
        return StoreJson.String(order["payment_method"]) == Gateway && StoreJson.Date(order["date_paid_gmt"], TimeSpan.Zero) is not null
            && StoreJson.Decimal(order["total"]) is { } total && total > 0 ? total : null;
    }

    /// <summary>Whether the site has WooPayments: its orders are paid through it.</summary>
    public bool Active => string.Equals(woo.Options.CardGateway, Gateway, StringComparison.Ordinal);

    /// <summary>Deposits (newest first) and transactions, computed from the orders as they are now.</summary>
    public Ledger Current()
    {
        var offset = woo.Options.UtcOffset;
        WooPaymentsSettings settings;
        List<WooDispute> disputes;
        List<WooAdjustment> adjustments;
        lock (_gate)
        {
            (settings, disputes, adjustments) = (_settings, [.. _disputes], [.. _adjustments]);
        }

        var today = DateOnly.FromDateTime(woo.Time.GetUtcNow().ToOffset(offset).DateTime).AddDays(settings.ClockDays);
        var rows = new List<Row>();
        var customers = new Dictionary<long, JsonObject?>();
        foreach (var entry in woo.Store.OrderRows())
        {
            var order = woo.Store.Render(entry);
            if (StoreJson.String(order["payment_method"]) != Gateway || StoreJson.Date(order["date_paid_gmt"], TimeSpan.Zero) is not { } paidAt
                || StoreJson.Decimal(order["total"]) is not { } total || total <= 0)
            {
                continue;
            }

            var customer = order["billing"] as JsonObject;
            customers[entry.Id] = customer;
            var fee = woo.Options.CardFee(total);
            rows.Add(new Row($"txn_emu{entry.Id}c", "charge", entry.Id, Cents(total), Cents(fee), paidAt, customer));
            foreach (var refund in woo.Store.Refunds(entry.Id).Where(r => StoreJson.Bool(r["refunded_payment"]) != false))
            {
                if (StoreJson.Decimal(refund["amount"]) is { } amount && StoreJson.Date(refund["date_created_gmt"], TimeSpan.Zero) is { } at)
                {
                    rows.Add(new Row($"txn_emu{StoreJson.Long(refund["id"])}r", "refund", entry.Id, -Cents(amount), 0, at, customer));
                }
            }
        }

        foreach (var dispute in disputes)
        {
            if (PaidTotal(dispute.OrderId) is not { } total)
            {
                continue;
            }

            var customer = customers.GetValueOrDefault(dispute.OrderId);
            var id = $"txn_emu{dispute.OrderId}d{dispute.OpenedAt.ToUnixTimeSeconds()}";
            rows.Add(new Row(id + "o", "dispute", dispute.OrderId, -Cents(total), dispute.FeeCents, dispute.OpenedAt, customer));
            if (dispute.WonAt is { } won)
            {
                rows.Add(new Row(id + "w", "dispute_reversal", dispute.OrderId, Cents(total), -dispute.FeeCents, won, customer));
            }
        }

        rows.AddRange(adjustments.Select(a => new Row(a.Id, a.Type, a.OrderId, a.Cents, 0, a.At, a.OrderId is { } o ? customers.GetValueOrDefault(o) : null)));
        var byDay = rows.GroupBy(r => Day(r.At)).ToDictionary(g => g.Key, g => g.OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal).ToList());
        var deposits = new List<JsonObject>();
        var transactions = new List<JsonObject>();
        var batch = new List<Row>();
        if (byDay.Count > 0)
        {
            for (var day = byDay.Keys.Min(); day < today; day = day.AddDays(1))
            {
                batch.AddRange(byDay.GetValueOrDefault(day) ?? []);
                var net = batch.Sum(r => r.Net);
                if (batch.Count == 0 || net == 0 || (net < 0 && (settings.WithdrawBeyond is not { } beyond || -net <= beyond)))
                {
                    continue;
                }

                var date = day.AddDays(SettlementDays);
                var status = date < today ? "paid" : date == today ? "in_transit" : "pending";
                var id = DepositId(date);
                var (currency, rate) = settings.DepositCurrency is { Length: > 0 } foreign && settings.ForeignFrom is { } from && date >= from
                    ? (foreign.ToUpperInvariant(), settings.ExchangeRate)
                    : (woo.Options.Currency.ToUpperInvariant(), 1m);
                var rendered = batch.Select(r => Transaction(r, id, date, status, currency, rate)).ToList();
                var amount = rendered.Sum(t => StoreJson.Long(t["net_amount"]) ?? 0);
                deposits.Add(Deposit(id, date, status, amount, currency));
                transactions.AddRange(rendered);
                batch = [];
            }
        }

        batch.AddRange(byDay.Where(d => d.Key >= today).SelectMany(d => d.Value));
        transactions.AddRange(batch.Select(r => Transaction(r, null, null, null, woo.Options.Currency.ToUpperInvariant(), 1m)));
        deposits.Reverse();
        return new Ledger(deposits, transactions);
    }

    /// <summary>Deposits are Stripe payouts: <c>po_…</c> ids, one a day here.</summary>
    public static string DepositId(DateOnly date) => "po_emu" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static long Cents(decimal amount) => (long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero);

    private DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(woo.Options.UtcOffset).DateTime);

    private static long Midnight(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>A deposit, or (a negative <paramref name="amount"/>) a withdrawal of that much from the bank, its amount positive.</summary>
    private static JsonObject Deposit(string id, DateOnly date, string status, long amount, string currency) => new()
    {
        ["id"] = id,
        ["date"] = Midnight(date),
        ["type"] = amount < 0 ? "withdrawal" : "deposit",
        ["amount"] = Math.Abs(amount),
        ["status"] = status,
        ["bankAccount"] = $"STRIPE TEST BANK •••• 6789 ({currency.ToUpperInvariant()})",
        ["currency"] = currency.ToLowerInvariant(),
        ["automatic"] = true,
        ["fee"] = 0,
        ["fee_percentage"] = 0,
        ["created"] = Midnight(date.AddDays(-SettlementDays)) / 1000,
    };

    /// <summary>
    /// A report row. <c>amount</c> stays in the store's currency; <c>fees</c> and <c>net_amount</c> are in the deposit's, converted
    /// at <paramref name="rate"/> (each rounded to the cent) when the deposit is in another currency.
    /// </summary>
    private JsonObject Transaction(Row row, string? depositId, DateOnly? depositDate, string? depositStatus, string depositCurrency, decimal rate)
    {
        var currency = woo.Options.Currency.ToUpperInvariant();
        var fee = rate == 1m ? row.Fee : (long)Math.Round(row.Fee * rate, MidpointRounding.AwayFromZero);
        var net = rate == 1m ? row.Net : (long)Math.Round(row.Net * rate, MidpointRounding.AwayFromZero);
        return new JsonObject
        {
            ["date"] = row.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["transaction_id"] = row.Id,
            ["payment_id"] = row.OrderId is { } paid ? $"pi_emu{paid}" : null,
            ["channel"] = "online",
            ["payment_method"] = row.OrderId is { } method ? new JsonObject { ["type"] = "card", ["id"] = $"pm_emu{method}" } : null,
            ["type"] = row.Type,
            ["transaction_currency"] = currency,
            ["amount"] = row.Amount,
            ["exchange_rate"] = (double)rate,
            ["deposit_currency"] = depositCurrency,
            ["fees"] = fee,
            ["customer"] = new JsonObject
            {
                ["name"] = $"{StoreJson.String(row.Customer?["first_name"])} {StoreJson.String(row.Customer?["last_name"])}".Trim(),
                ["email"] = StoreJson.String(row.Customer?["email"]) ?? "",
                ["country"] = StoreJson.String(row.Customer?["country"]) ?? "",
            },
            ["net_amount"] = net,
            ["order_id"] = row.OrderId,
            ["risk_level"] = 0,
            ["deposit_date"] = depositDate is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00" : null,
            ["deposit_id"] = depositId,
            ["deposit_status"] = depositStatus,
        };
    }

    private sealed record Row(string Id, string Type, long? OrderId, long Amount, long Fee, DateTimeOffset At, JsonObject? Customer)
    {
        public long Net => Amount - Fee;
    }

    /// <summary>What the payments endpoints serve.</summary>
    internal sealed record Ledger(IReadOnlyList<JsonObject> Deposits, IReadOnlyList<JsonObject> Transactions);
}
