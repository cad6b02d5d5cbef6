using System.Globalization;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Common;
using StoreBooks.Sync.Company;
using StoreBooks.Sync.Payouts;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync.Reconciliation;

/// <summary>
/// The sales receipts, invoice payments and refund receipts StoreBooks posted dated in a period that are on no deposit and sit in
/// Undeposited Funds or a clearing account (any account but a bank's), each with why: its charge is in a payout in transit or
/// scheduled, in no payout yet, in a failed payout, in a paid payout without a deposit; it was paid through a gateway without
/// payouts; payouts are off; or its payout's deposit is in QuickBooks without it (the only reason that is a difference).
/// </summary>
internal sealed class UndepositedFunds
{
    private readonly SyncContext _context;
    private readonly IStoreSource _source;
    private readonly PayoutLedger _ledger;

    public UndepositedFunds(SyncContext context, IStoreSource source, PayoutLedger ledger)
    {
        _context = context;
        _source = source;
        _ledger = ledger;
    }

    private sealed record Held(string Entity, string Id, DateOnly? Date, decimal Amount, Ref? Account, string OrderId, string? TransactionId, string Reference);

    public async Task<IReadOnlyList<UndepositedDocument>> FindAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var held = await HeldAsync(company, from, to, cancellationToken).ConfigureAwait(false);
        if (held.Count == 0)
        {
            return [];
        }

        var gateway = PayoutSync.GatewayOf(_source.Kind);
        var transactions = _ledger.Payouts.SelectMany(p => p.Transactions.Select(t => (Payout: p, Transaction: t))).ToList();
        var unmatched = new List<Held>();
        var found = new List<UndepositedDocument>();
        foreach (var document in held)
        {
            var match = Match(document, transactions);
            if (match is null)
            {
                unmatched.Add(document);
                continue;
            }

            found.Add(Explain(document, company, match.Value));
        }

        if (unmatched.Count > 0)
        {
            var gateways = await GatewaysAsync(unmatched.Select(d => d.OrderId), cancellationToken).ConfigureAwait(false);
            foreach (var document in unmatched)
            {
                var paidWith = gateways.GetValueOrDefault(document.OrderId) ?? [];
                var viaPayouts = _ledger.HasPayouts && paidWith.Any(g => SameGateway(g, gateway));
                var provider = PaymentRouting.MethodName(gateway);
                found.Add(viaPayouts
                    ? Document(document, company, UndepositedReason.NotInPayoutYet, $"{document.Reference}: its money is in the {provider} balance, in no payout yet.")
                    : Document(document, company, UndepositedReason.GatewayWithoutPayouts,
                        $"{document.Reference} was paid through {(paidWith.Count == 0 ? "a gateway" : string.Join(", ", paidWith))}, whose payouts StoreBooks does not read: deposit it by hand."));
            }
        }

        return found.OrderBy(d => d.Date).ThenBy(d => d.Reference, StringComparer.Ordinal).ToList();
    }

    private UndepositedDocument Explain(Held document, QuickBooksCompany company, (StorePayout Payout, StorePayoutTransaction Transaction) match)
    {
        var payout = match.Payout;
        var reference = DepositComposer.Reference(payout);
        var link = _ledger.Links.GetValueOrDefault(payout.SourceId);
        var (reason, why) = payout.State switch
        {
            StorePayoutState.InTransit => (UndepositedReason.PayoutInTransit, $"{document.Reference}: in {reference}, in transit to the bank."),
            StorePayoutState.Scheduled or StorePayoutState.Other => (UndepositedReason.PayoutScheduled, $"{document.Reference}: in {reference}, not sent to the bank yet."),
            StorePayoutState.Failed or StorePayoutState.Canceled when link is { State: LinkState.Skipped, QboId: { } holder } =>
                (UndepositedReason.MissingFromDeposit, $"{document.Reference}: in {reference}, whose money came again on deposit {holder}, but it is not on that deposit."),
            StorePayoutState.Failed or StorePayoutState.Canceled => (UndepositedReason.PayoutFailed, $"{document.Reference}: in {reference}, which failed at the bank; a later payout sends it again."),
            _ when link is { State: LinkState.Done, QboId: { } deleted } && !_ledger.Deposits.ContainsKey(deleted) =>
                (UndepositedReason.PayoutNotDeposited, $"{document.Reference}: in {reference}, whose deposit {deleted} was deleted in QuickBooks (see the payout)."),
            _ when link is { State: LinkState.Done, QboId: { } depositId } =>
                (UndepositedReason.MissingFromDeposit, $"{document.Reference}: in {reference}, whose deposit {depositId} is in QuickBooks without it (changed in QuickBooks)."),
            _ when !_context.Settings.Payouts.Enabled => (UndepositedReason.PayoutsNotEnabled, $"{document.Reference}: in {reference}, paid; payouts are not posted (payouts.enabled is off)."),
            _ => (UndepositedReason.PayoutNotDeposited, $"{document.Reference}: in {reference}, paid, which has no deposit yet (see the payout)."),
        };
        return Document(document, company, reason, why) with { PayoutId = payout.SourceId };
    }

    private static UndepositedDocument Document(Held document, QuickBooksCompany company, UndepositedReason reason, string why)
    {
        var account = company.Accounts.FirstOrDefault(a => a.Id == document.Account?.Value)?.Name ?? document.Account?.Name ?? document.Account?.Value ?? "";
        return new UndepositedDocument(document.Entity, document.Id, document.Reference, document.Date, document.Amount, account, reason, why);
    }

    /// <summary>The payout movement of the document: a charge of its order (of its very transaction for a payment), a refund of its order for a refund receipt.</summary>
    private static (StorePayout Payout, StorePayoutTransaction Transaction)? Match(Held document, List<(StorePayout Payout, StorePayoutTransaction Transaction)> transactions)
    {
        var category = document.Entity == "RefundReceipt" ? StorePayoutTransactionCategory.Refund : StorePayoutTransactionCategory.Charge;
        var matches = transactions.Where(m => m.Transaction.Category == category && m.Transaction.SourceOrderId == document.OrderId
            && (document.TransactionId is null || m.Transaction.SourceOrderTransactionId == document.TransactionId)).ToList();
        return matches.Count == 0 ? null : matches.OrderByDescending(m => m.Payout.IssuedOn).First();
    }

    private async Task<List<Held>> HeldAsync(QuickBooksCompany company, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var links = _context.State.Links;
        var connection = _context.ConnectionId;
        var sales = await links.ListAsync(connection, LinkKind.Sale, LinkState.Done, cancellationToken).ConfigureAwait(false);
        var receipts = sales.Where(l => l.QboId is not null && SaleDocuments.PostedAs(l) != _context.Qbo.Invoices.EntityName)
            .GroupBy(l => l.QboId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var references = sales.ToDictionary(l => l.SourceId, l => l.Reference ?? $"store order {l.SourceId}", StringComparer.Ordinal);
        var payments = (await links.ListAsync(connection, LinkKind.Payment, LinkState.Done, cancellationToken).ConfigureAwait(false))
            .Where(l => l.QboId is not null).GroupBy(l => l.QboId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var refunds = (await links.ListAsync(connection, LinkKind.Refund, LinkState.Done, cancellationToken).ConfigureAwait(false))
            .Where(l => l.QboId is not null).GroupBy(l => l.QboId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        string Reference(string orderId) => references.GetValueOrDefault(orderId, $"store order {orderId}");
        bool Holds(Ref? account, IReadOnlyList<LinkedTxn>? linked) =>
            !(linked ?? []).Any(l => l.TxnType == "Deposit")
            && company.Accounts.FirstOrDefault(a => a.Id == account?.Value)?.AccountType != "Bank";

        var qbo = _context.Qbo;
        var held = new List<Held>();
        await foreach (var d in qbo.SalesReceipts.QueryAsync(qbo.SalesReceipts.Where().Where("TxnDate", ">=", from).Where("TxnDate", "<=", to), cancellationToken).ConfigureAwait(false))
        {
            if (receipts.TryGetValue(d.Id!, out var link) && Holds(d.DepositToAccountRef, d.LinkedTxn))
            {
                held.Add(new Held("SalesReceipt", d.Id!, d.TxnDate, d.TotalAmt ?? 0, d.DepositToAccountRef, link.SourceId, null, Reference(link.SourceId)));
            }
        }

        await foreach (var d in qbo.Payments.QueryAsync(qbo.Payments.Where().Where("TxnDate", ">=", from).Where("TxnDate", "<=", to), cancellationToken).ConfigureAwait(false))
        {
            if (payments.TryGetValue(d.Id!, out var link) && Holds(d.DepositToAccountRef, d.LinkedTxn) && link.SourceId.Split("/payment-") is [var order, var transaction])
            {
                held.Add(new Held("Payment", d.Id!, d.TxnDate, d.TotalAmt ?? 0, d.DepositToAccountRef, order, transaction, $"the payment of {Reference(order)}"));
            }
        }

        await foreach (var d in qbo.RefundReceipts.QueryAsync(qbo.RefundReceipts.Where().Where("TxnDate", ">=", from).Where("TxnDate", "<=", to), cancellationToken).ConfigureAwait(false))
        {
            if (refunds.TryGetValue(d.Id!, out var link) && Holds(d.DepositToAccountRef, d.LinkedTxn) && link.SourceId.Split('/') is [var order, ..])
            {
                held.Add(new Held("RefundReceipt", d.Id!, d.TxnDate, -(d.TotalAmt ?? 0), d.DepositToAccountRef, order, null, $"the refund of {Reference(order)}"));
            }
        }

        return held;
    }

    /// <summary>The gateways each order was paid through, as the store has them now.</summary>
    private async Task<Dictionary<string, List<string>>> GatewaysAsync(IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var gateways = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var ids = orderIds.Distinct(StringComparer.Ordinal).ToList();
        await foreach (var page in _source.GetOrdersAsync(ids, cancellationToken).ConfigureAwait(false))
        {
            foreach (var order in page.Records)
            {
                gateways[order.SourceId] = order.Payments.Where(p => p.Kind == StorePaymentKind.Received && !p.IsGiftCard)
                    .Select(p => p.Gateway).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            }
        }

        return gateways;
    }

    /// <summary>"Shopify Payments" (a CSV export's words) and "shopify_payments" (the API's) name one gateway.</summary>
    private static bool SameGateway(string a, string b) => string.Equals(Squeezed(a), Squeezed(b), StringComparison.OrdinalIgnoreCase);

    private static string Squeezed(string gateway) => new(gateway.Where(char.IsLetterOrDigit).ToArray());
}
