using System.Globalization;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Payouts;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.Sync.Company;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync.Payouts;

/// <summary>A payout's deposit as composed: the deposit to post, or why it waits or cannot be posted; with what the merchant should know.</summary>
public sealed record DepositDraft(Deposit? Deposit, IReadOnlyList<SyncMessage> Waits, SyncMessage? Refusal, IReadOnlyList<SyncMessage> Warnings);

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
    public static string Reference(StorePayout payout) => ReferenceMessage(payout).Text;

    /// <summary>The payout's reference as a message, to read in the merchant's language.</summary>
    public static SyncMessage ReferenceMessage(StorePayout payout) =>
        PayoutMessages.Reference.With(("id", payout.SourceId), ("date", payout.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

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
        var reference = ReferenceMessage(payout);
        var sum = payout.Sum();
        if (!sum.AddsUp)
        {
            return Refuse(PayoutMessages.NotAddingUp.With(("payout", reference), ("amount", Money(sum.Amount)), ("currency", payout.Currency),
                ("net", Money(sum.TransactionsNet)), ("difference", Money(Math.Abs(sum.Difference)))));
        }

        if (payout.Amount < 0)
        {
            return Refuse(PayoutMessages.Negative.With(("payout", reference), ("amount", Money(-payout.Amount)), ("currency", payout.Currency)));
        }

        if (!_company.MultiCurrency && !string.Equals(payout.Currency, _company.HomeCurrency, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(PayoutMessages.CurrencyNotHome.With(("payout", reference), ("currency", payout.Currency), ("home", _company.HomeCurrency ?? "")));
        }

        var moving = contents.Transactions.Where(settled.ContainsKey).ToList();
        var waits = moving.Select(t => settled[t]).Where(s => s.Kind == SettlementKind.Waiting).Select(s => s.Why!).DistinctBy(w => w.Text, StringComparer.Ordinal).ToList();
        if (waits.Count > 0)
        {
            return new DepositDraft(null, waits, null, []);
        }

        var lines = new List<Line>();
        var warnings = new List<SyncMessage>();
        var differences = new List<SyncMessage>();
        var adjustments = new List<(decimal Amount, string Description)>();
        foreach (var group in moving.Where(t => settled[t].Kind == SettlementKind.Document).GroupBy(t => settled[t].Document!))
        {
            var key = group.Key;
            var documentReference = settled[group.First()].Reference;
            var what = PayoutMessages.Document.With(("reference", documentReference), ("entity", Words(key.Entity)), ("id", key.Id));
            if (!documents.TryGetValue(key, out var posted))
            {
                return Refuse(PayoutMessages.DocumentDeleted.With(("payout", reference), ("entity", Words(key.Entity)), ("id", key.Id), ("reference", documentReference)));
            }

            var gross = group.Sum(t => t.Gross);
            var deposited = posted.Deposits.FirstOrDefault() ?? (depositedThisRun.Contains(key) ? "of this run" : null);
            if (deposited is not null && (ownDeposits.Contains(deposited) || depositedThisRun.Contains(key)))
            {
                // Its money went to the bank with an earlier payout StoreBooks deposited; this payout's share of it is a difference.
                MessageArg earlier = posted.Deposits.Count > 0 ? PayoutMessages.EarlierDepositId.With(("id", posted.Deposits[0])) : "";
                differences.Add(PayoutMessages.OnEarlierDeposit.With(("document", what), ("deposit", earlier), ("amount", Money(gross))));
                continue;
            }

            if (deposited is not null && !replaying)
            {
                return Refuse(PayoutMessages.OnOtherDeposit.With(("payout", reference), ("document", what), ("deposit", deposited)));
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
                lines.Add(Direct(amount, Ref.To(account.Id!, account.Name), $"{Capital(what.Text)}, from {account.Name}"));
            }

            if (amount != gross)
            {
                differences.Add(PayoutMessages.AmountDiffers.With(("document", what), ("amount", Money(amount)), ("gross", Money(gross)), ("provider", _provider)));
            }
        }

        foreach (var t in moving.Where(t => settled[t].Kind == SettlementKind.NotPosted))
        {
            var s = settled[t];
            adjustments.Add((t.Gross, $"{Capital(s.Reference.Text)}: not posted by StoreBooks ({s.Why?.Text})"));
            warnings.Add(PayoutMessages.NotPostedWarning.With(("payout", reference), ("reference", s.Reference), ("why", s.Why ?? SyncMessage.Untranslated("")), ("amount", Money(t.Gross))));
        }

        foreach (var t in contents.Transactions.Where(t => !settled.ContainsKey(t)))
        {
            adjustments.Add((t.Gross, Describe(t, references)));
        }

        // A dispute's fee (and its return when the dispute is won) is a line of its own, naming the order; the other fees are one line.
        static bool OwnFee(StorePayoutTransaction t) => t.Category == StorePayoutTransactionCategory.Dispute && t.Fee != 0;
        var fees = contents.Transactions.Where(t => !OwnFee(t)).Sum(t => t.Fee);
        var disputeFees = contents.Transactions.Where(OwnFee).ToList();
        if (fees != 0 || disputeFees.Count > 0)
        {
            if (_accounts.Fees.Account is not { } feesAccount)
            {
                return Refuse(PayoutMessages.FeesNoAccount.With(("payout", reference), ("amount", Money(contents.Transactions.Sum(t => t.Fee))), ("provider", _provider), ("problem", _accounts.Fees.Problem!)));
            }

            if (fees != 0)
            {
                lines.Add(Direct(-fees, feesAccount, $"{_provider} fees, payout {payout.SourceId}"));
            }

            foreach (var t in disputeFees)
            {
                var order = t.SourceOrderId is { } id ? references.GetValueOrDefault(id, $"store order {id}") : null;
                var what = t.Fee > 0 ? "dispute fee" : "dispute fee returned (dispute won)";
                lines.Add(Direct(-t.Fee, feesAccount, $"{_provider} {what}{(order is null ? "" : $" on {order}")}, payout {payout.SourceId}"));
            }
        }

        var difference = payout.Amount - lines.Sum(l => l.Amount ?? 0) - adjustments.Sum(a => a.Amount);
        if (difference != 0)
        {
            adjustments.Add((difference, $"Difference between {_provider}'s amounts and the QuickBooks documents, payout {payout.SourceId}"));
            var why = differences.Count == 0 ? PayoutMessages.NetDiffers.With() : MessageArg.List(differences.Select(d => (MessageArg)d), "; ");
            warnings.Add(PayoutMessages.DifferenceWarning.With(("payout", reference), ("amount", Money(difference)), ("why", why)));
        }

        var needed = adjustments.Where(a => a.Amount != 0).ToList();
        if (needed.Count > 0)
        {
            if (_accounts.Adjustments.Account is not { } adjustmentsAccount)
            {
                var which = MessageArg.List(needed.Take(5).Select(a => (MessageArg)PayoutMessages.AdjustmentLine.With(("description", a.Description), ("amount", Money(a.Amount)))), ", ");
                MessageArg more = needed.Count > 5 ? PayoutMessages.AdjustmentsMore.With(("count", needed.Count - 5)) : "";
                return Refuse(PayoutMessages.AdjustmentsNoAccount.With(("payout", reference), ("lines", MessageArg.List([which, more], "")), ("problem", _accounts.Adjustments.Problem!)));
            }

            lines.AddRange(needed.Select(a => Direct(a.Amount, adjustmentsAccount, a.Description)));
        }

        if (lines.Count == 0)
        {
            return Refuse(PayoutMessages.NothingToDeposit.With(("payout", reference)));
        }

        var total = lines.Sum(l => l.Amount ?? 0);
        if (total != payout.Amount)
        {
            // Never reached: the difference line makes them equal. A deposit that does not add up is never posted.
            return Refuse(PayoutMessages.LinesDiffer.With(("payout", reference), ("total", Money(total)), ("amount", Money(payout.Amount))));
        }

        foreach (var absorbed in contents.Absorbed)
        {
            warnings.Add(PayoutMessages.AbsorbedWarning.With(("payout", reference), ("failed", ReferenceMessage(absorbed))));
        }

        var note = $"{SaleDocuments.Marker("payout", payout.SourceId)} {_provider} {reference.Text}" +
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

    /// <summary>
    /// Whether a deposit line is one of the provider's fee lines this composer writes: the payout's fees ("Shopify Payments fees, payout
    /// 623721858") or a dispute's fee ("Woocommerce Payments dispute fee on order #1043, payout po_…").
    /// </summary>
    public static bool IsFeeLine(string? description, string payoutId) =>
        description is not null && (description.EndsWith($" fees, payout {payoutId}", StringComparison.Ordinal)
            || (description.Contains(" dispute fee", StringComparison.Ordinal) && description.EndsWith($", payout {payoutId}", StringComparison.Ordinal)));

    private static DepositDraft Refuse(SyncMessage message) => new(null, [], message, []);

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

    private static MessageArg Words(string entity) => entity switch
    {
        "SalesReceipt" => PayoutMessages.SalesReceipt.With(),
        "RefundReceipt" => PayoutMessages.RefundReceipt.With(),
        "Payment" => PayoutMessages.Payment.With(),
        _ => entity,
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static MessageArg Money(decimal amount) => MessageArg.Number(amount, "0.00");
}
