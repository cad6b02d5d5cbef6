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
/// is exactly the net of its transactions.
/// </summary>
internal sealed class WooPaymentsBook(WooCommerceEmulator woo)
{
    public const string Gateway = "woocommerce_payments";
    private const int SettlementDays = 2;

    /// <summary>Whether the site has WooPayments: its orders are paid through it.</summary>
    public bool Active => string.Equals(woo.Options.CardGateway, Gateway, StringComparison.Ordinal);

    /// <summary>Deposits (newest first) and transactions, computed from the orders as they are now.</summary>
    public Ledger Current()
    {
        var offset = woo.Options.UtcOffset;
        var today = DateOnly.FromDateTime(woo.Time.GetUtcNow().ToOffset(offset).DateTime);
        var rows = new List<Row>();
        foreach (var entry in woo.Store.OrderRows())
        {
            var order = woo.Store.Render(entry);
            if (StoreJson.String(order["payment_method"]) != Gateway || StoreJson.Date(order["date_paid_gmt"], TimeSpan.Zero) is not { } paidAt
                || StoreJson.Decimal(order["total"]) is not { } total || total <= 0)
            {
                continue;
            }

            var customer = order["billing"] as JsonObject;
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

        var byDay = rows.GroupBy(r => Day(r.At)).ToDictionary(g => g.Key, g => g.OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal).ToList());
        var deposits = new List<JsonObject>();
        var transactions = new List<JsonObject>();
        var batch = new List<Row>();
        if (byDay.Count > 0)
        {
            for (var day = byDay.Keys.Min(); day < today; day = day.AddDays(1))
            {
                batch.AddRange(byDay.GetValueOrDefault(day) ?? []);
                if (batch.Count == 0 || batch.Sum(r => r.Net) <= 0)
                {
                    continue;
                }

                var date = day.AddDays(SettlementDays);
                var status = date < today ? "paid" : date == today ? "in_transit" : "pending";
                var id = DepositId(date);
                deposits.Add(Deposit(id, date, status, batch.Sum(r => r.Net)));
                transactions.AddRange(batch.Select(r => Transaction(r, id, date, status)));
                batch = [];
            }
        }

        batch.AddRange(byDay.Where(d => d.Key >= today).SelectMany(d => d.Value));
        transactions.AddRange(batch.Select(r => Transaction(r, null, null, null)));
        deposits.Reverse();
        return new Ledger(deposits, transactions);
    }

    /// <summary>Deposits are Stripe payouts: <c>po_…</c> ids, one a day here.</summary>
    public static string DepositId(DateOnly date) => "po_emu" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static long Cents(decimal amount) => (long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero);

    private DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(woo.Options.UtcOffset).DateTime);

    private static long Midnight(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private JsonObject Deposit(string id, DateOnly date, string status, long amount) => new()
    {
        ["id"] = id,
        ["date"] = Midnight(date),
        ["type"] = "deposit",
        ["amount"] = amount,
        ["status"] = status,
        ["bankAccount"] = $"STRIPE TEST BANK •••• 6789 ({woo.Options.Currency.ToUpperInvariant()})",
        ["currency"] = woo.Options.Currency.ToLowerInvariant(),
        ["automatic"] = true,
        ["fee"] = 0,
        ["fee_percentage"] = 0,
        ["created"] = Midnight(date.AddDays(-SettlementDays)) / 1000,
    };

    private JsonObject Transaction(Row row, string? depositId, DateOnly? depositDate, string? depositStatus)
    {
        var currency = woo.Options.Currency.ToUpperInvariant();
        return new JsonObject
        {
            ["date"] = row.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["transaction_id"] = row.Id,
            ["payment_id"] = $"pi_emu{row.OrderId}",
            ["channel"] = "online",
            ["payment_method"] = new JsonObject { ["type"] = "card", ["id"] = $"pm_emu{row.OrderId}" },
            ["type"] = row.Type,
            ["transaction_currency"] = currency,
            ["amount"] = row.Amount,
            ["exchange_rate"] = 1.0,
            ["deposit_currency"] = currency,
            ["fees"] = row.Fee,
            ["customer"] = new JsonObject
            {
                ["name"] = $"{StoreJson.String(row.Customer?["first_name"])} {StoreJson.String(row.Customer?["last_name"])}".Trim(),
                ["email"] = StoreJson.String(row.Customer?["email"]) ?? "",
                ["country"] = StoreJson.String(row.Customer?["country"]) ?? "",
            },
            ["net_amount"] = row.Net,
            ["order_id"] = row.OrderId,
            ["risk_level"] = 0,
            ["deposit_date"] = depositDate is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00" : null,
            ["deposit_id"] = depositId,
            ["deposit_status"] = depositStatus,
        };
    }

    private sealed record Row(string Id, string Type, long OrderId, long Amount, long Fee, DateTimeOffset At, JsonObject? Customer)
    {
        public long Net => Amount - Fee;
    }

    /// <summary>What the payments endpoints serve.</summary>
    internal sealed record Ledger(IReadOnlyList<JsonObject> Deposits, IReadOnlyList<JsonObject> Transactions);
}
