using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sources;
using StoreBooks.WooCommerce.Http;
using StoreBooks.WooCommerce.Json;
using StoreBooks.WooCommerce.Orders;

namespace StoreBooks.WooCommerce.Payouts;

/// <summary>
/// WooPayments' deposits through its REST routes: <c>payments/deposits</c> (newest first, <c>page</c>/<c>pagesize</c>, the body's
/// <c>total_count</c>) and each deposit's transactions from the transactions report (<c>payments/reports/transactions?deposit_id=</c>,
/// WordPress paging). Minor units become amounts; a refund is tied to the WooCommerce refund it gave back (the order's refunds
/// through the gateway, matched by amount in date order), a charge to the order's payment.
/// </summary>
internal sealed class WooPayments(WooCommerceClient client, WooCommerceSourceOptions options, Func<long, CancellationToken, Task<IReadOnlyList<WooRefund>>> refunds)
{
    /// <summary>The gateway id of WooPayments' orders (<c>payment_method</c>).</summary>
    public const string Gateway = "woocommerce_payments";

    private string Site => options.SiteUrl.AbsoluteUri.TrimEnd('/');

    /// <summary>Whether the site answers WooPayments' deposits route (it has the plugin).</summary>
    public async Task<bool> ActiveAsync(CancellationToken cancellationToken)
    {
        using var page = await client.GetAsync("payments/deposits?sort=date&page=1&pagesize=1", cancellationToken, missingIsNull: true).ConfigureAwait(false);
        return page is not null;
    }

    public async IAsyncEnumerable<SourcePage<StorePayout>> ReadAsync(DateOnly? issuedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // date_after is strict: a day earlier, then the days before issuedSince are dropped here.
        var filter = issuedSince is { } since ? "&date_after=" + since.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        var read = 0;
        for (var number = 1; ; number++)
        {
            var deposits = new List<(WooDepositJson? Deposit, string RawId, string? Problem)>();
            int total;
            using (var page = await client.GetAsync($"payments/deposits?sort=date&direction=desc&page={number}&pagesize={options.PageSize}{filter}", cancellationToken, missingIsNull: true).ConfigureAwait(false)
                ?? throw new WooPaymentsNotActiveException(Site))
            {
                var root = page.Body.RootElement;
                total = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("total_count", out var count) && count.TryGetInt32(out var n) ? n : 0;
                var data = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
                foreach (var element in data)
                {
                    try
                    {
                        deposits.Add((WooJson.Read<WooDepositJson>(element), RawId(element), null));
                    }
                    catch (JsonException e)
                    {
                        deposits.Add((null, RawId(element), $"WooPayments deposit {RawId(element)} cannot be read: {e.Message}"));
                    }
                }
            }

            read += deposits.Count;
            var records = new List<StorePayout>();
            var problems = new List<SourceProblem>();
            foreach (var (deposit, rawId, problem) in deposits)
            {
                if (deposit is null)
                {
                    problems.Add(new SourceProblem($"payout {rawId}", problem!));
                    continue;
                }

                var payout = Map(deposit);
                if (issuedSince is { } day && payout.IssuedOn < day)
                {
                    continue;
                }

                var (transactions, unreadable) = await TransactionsAsync(payout, cancellationToken).ConfigureAwait(false);
                if (unreadable.Count > 0)
                {
                    problems.Add(new SourceProblem($"payout {payout.SourceId}",
                        $"WooPayments deposit {payout.SourceId} of {payout.IssuedOn:yyyy-MM-dd} is left out: {string.Join("; ", unreadable)}."));
                    continue;
                }

                records.Add(payout with { Transactions = transactions });
            }

            yield return new SourcePage<StorePayout>(records, problems);
            if (deposits.Count == 0 || read >= total)
            {
                yield break;
            }
        }
    }

    /// <summary>A deposit in the model: a withdrawal takes money from the bank (its amount negative, whatever sign it came with).</summary>
    public static StorePayout Map(WooDepositJson deposit)
    {
        var amount = deposit.Amount / 100m;
        return new StorePayout
        {
            SourceId = deposit.Id ?? "",
            Status = deposit.Status ?? "",
            IssuedOn = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(deposit.Date).UtcDateTime),
            Currency = (deposit.Currency ?? "").ToUpperInvariant(),
            Amount = string.Equals(deposit.Type, "withdrawal", StringComparison.OrdinalIgnoreCase) ? -Math.Abs(amount) : amount,
        };
    }

    /// <summary>One deposit's transactions, every page, with the messages of rows that cannot be read.</summary>
    private async Task<(List<StorePayoutTransaction> Transactions, List<string> Unreadable)> TransactionsAsync(StorePayout payout, CancellationToken cancellationToken)
    {
        var rows = new List<WooPaymentsTransactionJson>();
        var unreadable = new List<string>();
        var id = Uri.EscapeDataString(payout.SourceId);
        for (var number = 1; ; number++)
        {
            using var page = await client.GetAsync($"payments/reports/transactions?deposit_id={id}&per_page={options.PageSize}&page={number}", cancellationToken, missingIsNull: true).ConfigureAwait(false)
                ?? throw new WooPaymentsNotActiveException(Site);
            var items = page.Body.RootElement.ValueKind == JsonValueKind.Array ? page.Body.RootElement.EnumerateArray().ToList() : [];
            foreach (var element in items)
            {
                try
                {
                    rows.Add(WooJson.Read<WooPaymentsTransactionJson>(element));
                }
                catch (JsonException e)
                {
                    unreadable.Add($"transaction {RawId(element)} cannot be read ({e.Message})");
                }
            }

            if (items.Count == 0 || number >= page.TotalPages)
            {
                break;
            }
        }

        var transactions = new List<StorePayoutTransaction>();
        var taken = new HashSet<long>();
        foreach (var row in rows)
        {
            var orderId = OrderId(row.OrderId);
            string? orderTransaction = null;
            if (orderId is { } order && StorePayoutTransactionCategories.From(row.Type) == StorePayoutTransactionCategory.Refund)
            {
                var refund = (await refunds(order, cancellationToken).ConfigureAwait(false))
                    .Where(r => r.RefundedPayment != false && !taken.Contains(r.Id) && r.Amount == Math.Abs(row.Amount) / 100m)
                    .OrderBy(r => r.DateCreatedGmt).ThenBy(r => r.Id).FirstOrDefault();
                if (refund is not null)
                {
                    taken.Add(refund.Id);
                    orderTransaction = $"{WooOrderMapper.Id(refund.Id)}:refund";
                }
            }
            else if (orderId is { } paid && StorePayoutTransactionCategories.From(row.Type) == StorePayoutTransactionCategory.Charge)
            {
                orderTransaction = $"{WooOrderMapper.Id(paid)}:payment";
            }

            transactions.Add(Map(row, payout, orderId, orderTransaction));
        }

        return (transactions, unreadable);
    }

    private static StorePayoutTransaction Map(WooPaymentsTransactionJson row, StorePayout payout, long? orderId, string? orderTransaction)
    {
        var fee = row.Fees / 100m;
        var net = row.NetAmount / 100m;
        var sameCurrency = row.TransactionCurrency is null || row.DepositCurrency is null
            || string.Equals(row.TransactionCurrency, row.DepositCurrency, StringComparison.OrdinalIgnoreCase);
        return new StorePayoutTransaction
        {
            SourceId = row.TransactionId ?? "",
            Type = row.Type ?? "",
            PayoutId = row.DepositId ?? payout.SourceId,
            Currency = (row.DepositCurrency ?? payout.Currency).ToUpperInvariant(),

            // The amount is in the buyer's currency when it differs from the deposit's: the deposit's share is its net and fee.
            Gross = sameCurrency ? row.Amount / 100m : net + fee,
            Fee = fee,
            Net = net,
            SourceOrderId = orderId is { } id ? WooOrderMapper.Id(id) : null,
            SourceOrderTransactionId = orderTransaction,
            ProcessedAt = DateTime.TryParse(row.Date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? new DateTimeOffset(at, TimeSpan.Zero)
                : null,
        };
    }

    private static long? OrderId(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var id) && id > 0 => id,
        JsonValueKind.String when long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 => id,
        _ => null,
    };

    private static string RawId(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && (element.TryGetProperty("id", out var id) || element.TryGetProperty("transaction_id", out id)) ? id.ToString() : "(no id)";
}
