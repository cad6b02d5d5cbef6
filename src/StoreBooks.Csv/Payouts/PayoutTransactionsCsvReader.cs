using System.Globalization;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sources;
using StoreBooks.Csv.Reading;

namespace StoreBooks.Csv.Payouts;

/// <summary>
/// Reads Shopify's payment transactions export (Finance → Payouts → Export transactions): one row per balance movement, with
/// the payout it went into (Payout ID, Payout Date, Payout Status), its Type (charge, refund, dispute, reserve, adjustment…),
/// its Order ("#1001"), and its Amount, Fee and Net. Rows are grouped into payouts; a movement not yet in a payout (no Payout ID)
/// is left out, as the payout it will join is not known. A row that cannot be read is a problem of its payout, which is then
/// not returned (a payout read in part would not add up); the other payouts are.
/// </summary>
internal static class PayoutTransactionsCsvReader
{
    private static readonly string[] Required = ["Type", "Order", "Payout Status", "Payout Date", "Payout ID", "Amount", "Fee", "Net"];

    public static async Task<(IReadOnlyList<StorePayout> Payouts, IReadOnlyList<SourceProblem> Problems)> ReadAsync(
        string path, IReadOnlyDictionary<string, string> orderIdsByName, string? defaultCurrency, CancellationToken cancellationToken)
    {
        var (file, unopened) = await CsvFile.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return ([], [new SourceProblem(Path.GetFileName(path), unopened!)]);
        }

        using (file)
        {
            var missing = Required.Where(c => !file.Has(c)).ToList();
            if (missing.Count > 0)
            {
                return ([], [new SourceProblem(file.FileName,
                    CsvMessages.PayoutsColumnsMissing.With(("file", file.FileName), ("columns", MessageArg.List(missing.Select(m => (MessageArg)m), ", "))))]);
            }

            var columns = new Columns(file);
            var payouts = new Dictionary<string, PayoutRows>(StringComparer.Ordinal);
            var problems = new List<SourceProblem>();
            var row = 0;
            while (await file.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                row++;
                var payoutId = file.Get(columns.PayoutId).Trim();
                if (payoutId.Length == 0)
                {
                    continue;
                }

                if (!payouts.TryGetValue(payoutId, out var payout))
                {
                    payout = payouts[payoutId] = new PayoutRows(payoutId, file.Get(columns.PayoutStatus).Trim(), file.Get(columns.PayoutDate).Trim());
                }

                if (Read(file, columns, payoutId, row, orderIdsByName, defaultCurrency, out var transaction) is { } problem)
                {
                    payout.Problems.Add(problem);
                }
                else
                {
                    payout.Transactions.Add(transaction!);
                }
            }

            var read = new List<StorePayout>();
            foreach (var payout in payouts.Values)
            {
                if (!TryDay(payout.Date, out var issuedOn))
                {
                    payout.Problems.Add(CsvMessages.PayoutDate.With(("date", payout.Date)));
                }

                var currencies = payout.Transactions.Select(t => t.Currency).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (currencies.Count > 1)
                {
                    payout.Problems.Add(CsvMessages.PayoutCurrencies.With(("currencies", string.Join(", ", currencies))));
                }

                if (payout.Problems.Count > 0)
                {
                    problems.Add(new SourceProblem($"payout {payout.Id}", CsvMessages.PayoutProblem.With(
                        ("file", file.FileName), ("id", payout.Id), ("problems", MessageArg.List(payout.Problems.Select(p => (MessageArg)p), "; ")))));
                    continue;
                }

                var transfer = payout.Transactions.FirstOrDefault(t => t.Category == StorePayoutTransactionCategory.Transfer);
                read.Add(new StorePayout
                {
                    SourceId = payout.Id,
                    Status = payout.Status.Length == 0 ? "paid" : payout.Status.ToLowerInvariant(),
                    IssuedOn = issuedOn,
                    Currency = currencies.SingleOrDefault() ?? defaultCurrency ?? "",
                    // The transfer's own row, when the export has one, says what reached the bank; else the movements' net.
                    Amount = transfer is not null ? -transfer.Net : payout.Transactions.Sum(t => t.Net),
                    Transactions = payout.Transactions,
                });
            }

            return (read.OrderByDescending(p => p.IssuedOn).ThenByDescending(p => p.SourceId, StringComparer.Ordinal).ToList(), problems);
        }
    }

    private static SyncMessage? Read(CsvFile file, Columns columns, string payoutId, int row, IReadOnlyDictionary<string, string> orderIdsByName, string? defaultCurrency,
        out StorePayoutTransaction? transaction)
    {
        transaction = null;
        var at = CsvMessages.PayoutLine.With(("line", file.FirstLine));
        if (file.Fault != CsvFault.None)
        {
            return CsvMessages.PayoutRowProblem.With(("at", at), ("problem", file.FaultMessage));
        }

        var type = file.Get(columns.Type).Trim();
        if (type.Length == 0)
        {
            return CsvMessages.PayoutRowProblem.With(("at", at), ("problem", CsvMessages.Empty.With(("column", "Type"))));
        }

        if (!CsvValues.TryMoney(file.Get(columns.Amount), out var gross) || !CsvValues.TryMoney(file.Get(columns.Fee), out var fee) || !CsvValues.TryMoney(file.Get(columns.Net), out var net))
        {
            return CsvMessages.PayoutRowProblem.With(("at", at), ("problem", CsvMessages.PayoutAmounts.With(
                ("amount", file.Get(columns.Amount)), ("fee", file.Get(columns.Fee)), ("net", file.Get(columns.Net)))));
        }

        var orderName = file.Get(columns.Order).Trim();
        string? orderId = null;
        if (orderName.Length > 0 && !orderIdsByName.TryGetValue(Normalized(orderName), out orderId))
        {
            // An order the orders export does not have (older than the export, or a draft): kept by its number, so the payout
            // waits for it (or says it is not posted) instead of adding up wrong.
            orderId = orderName.TrimStart('#');
        }

        var category = StorePayoutTransactionCategories.From(type);
        var currency = columns.Currency >= 0 ? file.Get(columns.Currency).Trim().ToUpperInvariant() : "";
        DateTimeOffset? processedAt = columns.TransactionDate >= 0 && CsvValues.TryTime(file.Get(columns.TransactionDate), out var time) ? time : null;
        transaction = new StorePayoutTransaction
        {
            SourceId = $"{payoutId}:{row.ToString(CultureInfo.InvariantCulture)}",
            Type = type.ToLowerInvariant(),
            PayoutId = payoutId,
            Currency = currency.Length > 0 ? currency : defaultCurrency ?? "",
            Gross = gross,
            Fee = fee,
            Net = net,
            SourceOrderId = orderId,
            // The orders export has one payment and one refund per order: the movement settles that one.
            SourceOrderTransactionId = orderId is null ? null : category == StorePayoutTransactionCategory.Refund ? $"{orderId}:refund" : $"{orderId}:payment",
            ProcessedAt = processedAt,
        };
        return null;
    }

    /// <summary>"#1001" and "1001" name the same order.</summary>
    public static string Normalized(string orderName) => orderName.Trim().TrimStart('#');

    private static bool TryDay(string text, out DateOnly day)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return true;
        }

        if (CsvValues.TryTime(text, out var time))
        {
            day = DateOnly.FromDateTime(time.DateTime);
            return true;
        }

        return false;
    }

    private sealed class PayoutRows(string id, string status, string date)
    {
        public string Id { get; } = id;

        public string Status { get; } = status;

        public string Date { get; } = date;

        public List<StorePayoutTransaction> Transactions { get; } = [];

        public List<SyncMessage> Problems { get; } = [];
    }

    private sealed class Columns(CsvFile file)
    {
        public int Type { get; } = file.Ordinal("Type");

        public int Order { get; } = file.Ordinal("Order");

        public int PayoutStatus { get; } = file.Ordinal("Payout Status");

        public int PayoutDate { get; } = file.Ordinal("Payout Date");

        public int PayoutId { get; } = file.Ordinal("Payout ID");

        public int Amount { get; } = file.Ordinal("Amount");

        public int Fee { get; } = file.Ordinal("Fee");

        public int Net { get; } = file.Ordinal("Net");

        public int Currency { get; } = file.Ordinal("Currency");

        public int TransactionDate { get; } = file.Ordinal("Transaction Date");
    }
}
