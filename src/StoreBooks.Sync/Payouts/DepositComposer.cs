using System.Globalization;
using StoreBooks.Core.Payouts;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.Sync.Company;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync.Payouts;

/// <summary>A payout's deposit as composed: the deposit to post, or why it waits or cannot be posted; with what the merchant should know.</summary>
public sealed record DepositDraft(Deposit? Deposit, IReadOnlyList<string> Waits, string? Refusal, IReadOnlyList<string> Warnings);

/// <summary>
/// Composes one payout's QuickBooks deposit into the bank account, so that its total is the payout's amount to the cent:
/// <list type="bullet">
/// <item>one line per sales receipt, invoice payment and refund receipt StoreBooks posted for the payout's sales and refunds, for the
/// amount the document put in Undeposited Funds: linked to the document (a refund receipt negative), or, for a document booked to
/// another account (a clearing account), a line taking that amount from that account;</item>
/// <item>the provider's fees on one negative line to the fees account;</item>
/// <item>each adjustment, chargeback, chargeback reversal, reserve held or released, and movement of an unknown type on a line of
/// its own to the adjustments account, named for what it is; so is a sale or refund StoreBooks does not post (a test order, one
/// before the sync start date);</item>
/// <item>when the documents' amounts differ from the provider's (a currency difference, an order edited after it was posted), a
/// "difference" line to the adjustments account, said in the warnings.</item>
/// </list>
/// A payout waits while one of its sales or refunds is not in QuickBooks yet; it is refused when it does not add up, takes money
/// from the bank, needs an account the settings do not give, or holds a document already on a deposit StoreBooks did not make.
/// </summary>
public sealed class DepositComposer
{
    private readonly QuickBooksCompany _company;
    private readonly PayoutAccounts _accounts;
    private readonly string _provider;

    public DepositComposer(QuickBooksCompany company, PayoutAccounts accounts, string gateway)
    {
        _company = company;
        _accounts = accounts;
        _provider = PaymentRouting.MethodName(gateway);
    }

    /// <summary>The payout's reference in the merchant's words: "payout 623721858 of 2026-03-04".</summary>
    public static string Reference(StorePayout payout) => $"payout {payout.SourceId} of {payout.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <param name="contents">The payout's movements, failed payouts sent again included.</param>
    /// <param name="settled">Each charge and refund against its QuickBooks document.</param>
    /// <param name="documents">The documents as QuickBooks has them.</param>
    /// <param name="references">Order references ("order #1043") by store order id, for chargebacks.</param>
    /// <param name="ownDeposits">Deposits StoreBooks made of other payouts.</param>
    /// <param name="depositedThisRun">Documents an earlier payout's deposit of this run took (a sale captured in two parts, paid out apart).</param>
    /// <param name="replaying">This payout's deposit may already be in QuickBooks (its write was left in flight): its documents being on a deposit is no refusal, the write replays.</param>
    public DepositDraft Compose(
        PayoutContents contents, IReadOnlyDictionary<StorePayoutTransaction, Settlement> settled, IReadOnlyDictionary<DocumentKey, PostedDocument> documents,
        IReadOnlyDictionary<string, string> references, ISet<string> ownDeposits, ISet<DocumentKey> depositedThisRun, bool replaying)
    {
        var payout = contents.Payout;
        var reference = Reference(payout);
        var sum = payout.Sum();
        if (!sum.AddsUp)
        {
            return Refuse($"{reference} does not add up: its amount is {Money(sum.Amount)} {payout.Currency} and the net of its transactions {Money(sum.TransactionsNet)}, " +
                $"{Money(Math.Abs(sum.Difference))} apart. Nothing was posted: the provider's figures for it disagree (usually an order edited after the payout); " +
                "check the payout in the store's payments admin. StoreBooks looks at it again on every run.");
        }

        if (payout.Amount < 0)
        {
            return Refuse($"{reference} took {Money(-payout.Amount)} {payout.Currency} from the bank instead of paying in, and QuickBooks cannot record a negative deposit. " +
                "Nothing was posted: record it in QuickBooks by hand (a transfer or journal entry from the bank account).");
        }

        if (!_company.MultiCurrency && !string.Equals(payout.Currency, _company.HomeCurrency, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse($"{reference} is in {payout.Currency}, but this QuickBooks company keeps its books in {_company.HomeCurrency} and has multicurrency turned off. " +
                "Nothing was posted: turn on multicurrency in QuickBooks (Account and settings > Advanced > Currency).");
        }

        var moving = contents.Transactions.Where(settled.ContainsKey).ToList();
        var waits = moving.Select(t => settled[t]).Where(s => s.Kind == SettlementKind.Waiting).Select(s => s.Why!).Distinct(StringComparer.Ordinal).ToList();
        if (waits.Count > 0)
        {
            return new DepositDraft(null, waits, null, []);
        }

        var lines = new List<Line>();
        var warnings = new List<string>();
        var differences = new List<string>();
        var adjustments = new List<(decimal Amount, string Description)>();
        foreach (var group in moving.Where(t => settled[t].Kind == SettlementKind.Document).GroupBy(t => settled[t].Document!))
        {
            var key = group.Key;
            var what = $"{settled[group.First()].Reference} ({Words(key.Entity)} {key.Id})";
            if (!documents.TryGetValue(key, out var posted))
            {
                return Refuse($"{reference} cannot be posted: QuickBooks no longer has the {Words(key.Entity)} {key.Id} of {settled[group.First()].Reference}, which StoreBooks posted " +
                    "(it was deleted in QuickBooks). Nothing was posted: restore the document, or post the payout's deposit by hand and dismiss the payout.");
            }

            var gross = group.Sum(t => t.Gross);
            var deposited = posted.Deposits.FirstOrDefault() ?? (depositedThisRun.Contains(key) ? "of this run" : null);
            if (deposited is not null && (ownDeposits.Contains(deposited) || depositedThisRun.Contains(key)))
            {
                // Its money went to the bank with an earlier payout StoreBooks deposited; this payout's share of it is a difference.
                differences.Add($"{what} is on the deposit of an earlier payout already{(posted.Deposits.Count > 0 ? $" (deposit {posted.Deposits[0]})" : "")} ({Money(gross)} here)");
                continue;
            }

            if (deposited is not null && !replaying)
            {
                return Refuse($"{reference} cannot be posted: the {what} is already on deposit {deposited} in QuickBooks, which StoreBooks did not make, and depositing it again " +
                    $"would count its money twice. Take it off deposit {deposited} in QuickBooks (or delete that deposit); the next run posts the payout.");
            }

            var amount = key.Entity == "RefundReceipt" ? -posted.Amount : posted.Amount;
            var account = posted.DepositAccount?.Value is { } accountId ? _company.Accounts.FirstOrDefault(a => a.Id == accountId) : null;
            if (account is null || account.AccountSubType == "UndepositedFunds")
            {
                lines.Add(new Line { Amount = amount, LinkedTxn = [new LinkedTxn { TxnId = key.Id, TxnType = key.Entity, TxnLineId = "0" }] });
            }
            else
            {
                // Booked to a clearing account, not Undeposited Funds: the deposit takes the same money out of that account.
                lines.Add(Direct(amount, Ref.To(account.Id!, account.Name), $"{Capital(what)}, from {account.Name}"));
            }

            if (amount != gross)
            {
                differences.Add($"{what}: {Money(amount)} in QuickBooks, {Money(gross)} by {_provider}");
            }
        }

        foreach (var t in moving.Where(t => settled[t].Kind == SettlementKind.NotPosted))
        {
            var s = settled[t];
            adjustments.Add((t.Gross, $"{Capital(s.Reference)}: not posted by StoreBooks ({s.Why})"));
            warnings.Add($"{reference}: {s.Reference} is not in QuickBooks through StoreBooks ({s.Why}); its {Money(t.Gross)} went to the adjustments account.");
        }

        foreach (var t in contents.Transactions.Where(t => !settled.ContainsKey(t)))
        {
            adjustments.Add((t.Gross, Describe(t, references)));
        }

        var fees = contents.Transactions.Sum(t => t.Fee);
        if (fees != 0)
        {
            if (_accounts.Fees.Account is not { } feesAccount)
            {
                return Refuse($"{reference} has {Money(fees)} of {_provider} fees, and {_accounts.Fees.Problem} Nothing was posted; the next run posts it once the setting is saved.");
            }

            lines.Add(Direct(-fees, feesAccount, $"{_provider} fees, payout {payout.SourceId}"));
        }

        var difference = payout.Amount - lines.Sum(l => l.Amount ?? 0) - adjustments.Sum(a => a.Amount);
        if (difference != 0)
        {
            adjustments.Add((difference, $"Difference between {_provider}'s amounts and the QuickBooks documents, payout {payout.SourceId}"));
            var why = differences.Count == 0 ? "the provider's net amounts differ from their gross less fees" : string.Join("; ", differences);
            warnings.Add($"{reference}: a difference of {Money(difference)} went to the adjustments account, so the deposit equals the payout: {why}.");
        }

        var needed = adjustments.Where(a => a.Amount != 0).ToList();
        if (needed.Count > 0)
        {
            if (_accounts.Adjustments.Account is not { } adjustmentsAccount)
            {
                var which = string.Join(", ", needed.Take(5).Select(a => $"{a.Description} ({Money(a.Amount)})")) + (needed.Count > 5 ? $" and {needed.Count - 5} more" : "");
                return Refuse($"{reference} has lines for the adjustments account: {which}; and {_accounts.Adjustments.Problem} Nothing was posted; the next run posts it once the setting is saved.");
            }

            lines.AddRange(needed.Select(a => Direct(a.Amount, adjustmentsAccount, a.Description)));
        }

        if (lines.Count == 0)
        {
            return Refuse($"{reference} has nothing to deposit: no sale, refund, fee or adjustment of it has an amount.");
        }

        var total = lines.Sum(l => l.Amount ?? 0);
        if (total != payout.Amount)
        {
            // Never reached: the difference line makes them equal. A deposit that does not add up is never posted.
            return Refuse($"{reference}: the deposit's lines come to {Money(total)}, not the payout's {Money(payout.Amount)}; nothing was posted.");
        }

        foreach (var absorbed in contents.Absorbed)
        {
            warnings.Add($"{reference} holds the money of {Reference(absorbed)}, which failed at the bank and was sent again: its sales are deposited here.");
        }

        var note = $"{SaleDocuments.Marker("payout", payout.SourceId)} {_provider} {reference}" +
            (contents.Absorbed.Count == 0 ? "" : $", with {string.Join(", ", contents.Absorbed.Select(Reference))} sent again after failing");
        var deposit = new Deposit
        {
            TxnDate = payout.IssuedOn,
            DepositToAccountRef = _accounts.Bank,
            CurrencyRef = _company.MultiCurrency ? Ref.To(payout.Currency.ToUpperInvariant()) : null,
            PrivateNote = note,
            Line = lines,
        };
        return new DepositDraft(deposit, [], null, warnings);
    }

    private static DepositDraft Refuse(string message) => new(null, [], message, []);

    private static Line Direct(decimal amount, Ref account, string description) => new()
    {
        Amount = amount,
        DetailType = "DepositLineDetail",
        Description = description.Length <= 4000 ? description : description[..3999] + "…",
        DepositLineDetail = new DepositLineDetail { AccountRef = account },
    };

    /// <summary>A line's name for a movement that is not a sale or a refund.</summary>
    private string Describe(StorePayoutTransaction t, IReadOnlyDictionary<string, string> references)
    {
        var order = t.SourceOrderId is { } id ? references.GetValueOrDefault(id, $"store order {id}") : null;
        return t.Category switch
        {
            StorePayoutTransactionCategory.Dispute when t.Gross >= 0 => $"Chargeback reversed{(order is null ? "" : $" on {order}")} (dispute won), {_provider}",
            StorePayoutTransactionCategory.Dispute => $"Chargeback{(order is null ? "" : $" on {order}")}, {_provider}",
            StorePayoutTransactionCategory.Reserve when t.Gross >= 0 => $"Reserve released by {_provider}",
            StorePayoutTransactionCategory.Reserve => $"Reserve held by {_provider}",
            StorePayoutTransactionCategory.Adjustment => $"{_provider} adjustment{(t.AdjustmentReason is { Length: > 0 } r ? $" ({r.Replace('_', ' ')})" : "")}{(order is null ? "" : $", {order}")}",
            StorePayoutTransactionCategory.PayoutReturn => $"A failed {_provider} payout sent again (not found among the payouts read: its sales stay in Undeposited Funds)",
            _ => $"{_provider} {t.Type.Replace('_', ' ').ToLowerInvariant()}{(order is null ? "" : $", {order}")} ({t.SourceId})",
        };
    }

    private static string Words(string entity) => entity switch
    {
        "SalesReceipt" => "sales receipt",
        "RefundReceipt" => "refund receipt",
        "Payment" => "payment",
        _ => entity,
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
