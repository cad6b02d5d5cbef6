using System.Globalization;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sales;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Common;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync.Payouts;

/// <summary>How a payout's sale or refund stands in QuickBooks.</summary>
public enum SettlementKind
{
    /// <summary>StoreBooks posted its document (a sales receipt, an invoice's payment, a refund receipt).</summary>
    Document,

    /// <summary>StoreBooks does not post it and never will (a test order, one placed before the sync start date, refunds off, dismissed).</summary>
    NotPosted,

    /// <summary>Not in QuickBooks yet: the payout waits for it.</summary>
    Waiting,
}

/// <summary>A QuickBooks document by entity and id.</summary>
public sealed record DocumentKey(string Entity, string Id);

/// <summary>A payout's sale or refund, the order it belongs to, and its QuickBooks document (or why there is none).</summary>
public sealed record Settlement(StorePayoutTransaction Transaction, SettlementKind Kind, SyncMessage Reference, SyncMessage? Why = null, DocumentKey? Document = null);

/// <summary>A document as QuickBooks has it: its amount, the account its money went to, and the deposits it is on.</summary>
public sealed record PostedDocument(DocumentKey Key, decimal Amount, Ref? DepositAccount, IReadOnlyList<string> Deposits);

/// <summary>
/// Finds the QuickBooks documents of payouts' sales and refunds through StoreBooks' links: a charge is its order's sales receipt
/// (<see cref="LinkKind.Sale"/>), or, for an order posted as an invoice, the payment of that very store transaction
/// (<see cref="LinkKind.Payment"/>); a refund is the refund receipt of the store refund that holds the refunded transaction
/// (<see cref="LinkKind.Refund"/>). Orders are read again from the store only when the links cannot tell (a refund's id, an order
/// StoreBooks never met), all at once for the run; the documents are read from QuickBooks by id, a query per entity.
/// </summary>
public sealed class PayoutDocuments
{
    private const int QueryChunk = 50;
    private readonly SyncContext _context;
    private readonly IStoreSource _orders;

    public PayoutDocuments(SyncContext context, IStoreSource orders)
    {
        _context = context;
        _orders = orders;
    }

    /// <summary>The order references ("order #1043") of these orders, from their links; the store's id where StoreBooks has none.</summary>
    public async Task<Dictionary<string, string>> ReferencesAsync(IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var ids = orderIds.Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyDictionary<string, Link> links = ids.Count == 0 ? new Dictionary<string, Link>() : await _context.State.Links.FindManyAsync(_context.ConnectionId, LinkKind.Sale, ids, cancellationToken).ConfigureAwait(false);
        return ids.ToDictionary(id => id, id => links.GetValueOrDefault(id)?.Reference ?? StoreOrderReference(id).Text, StringComparer.Ordinal);
    }

    /// <summary>An order StoreBooks has no reference for: "store order 450789469".</summary>
    public static SyncMessage StoreOrderReference(string id) => PayoutMessages.StoreOrder.With(("id", id));

    /// <summary>
    /// An order's reference as a link keeps it ("order #1043"), as the message that wrote it, so that it reads in the reader's
    /// language; any other reference is kept as it is.
    /// </summary>
    public static SyncMessage OrderReference(string reference)
    {
        const string Prefix = "order #";
        return reference.StartsWith(Prefix, StringComparison.Ordinal) && reference.Length > Prefix.Length
            ? OrderMessages.Reference.With(("number", reference[Prefix.Length..]))
            : SyncMessage.Untranslated(reference);
    }

    /// <summary>Each charge and refund among <paramref name="transactions"/>, settled against StoreBooks' links.</summary>
    public async Task<IReadOnlyDictionary<StorePayoutTransaction, Settlement>> SettleAsync(IReadOnlyCollection<StorePayoutTransaction> transactions, CancellationToken cancellationToken)
    {
        var links = _context.State.Links;
        var connection = _context.ConnectionId;
        var moving = transactions.Where(t => t.Category is StorePayoutTransactionCategory.Charge or StorePayoutTransactionCategory.Refund).ToList();
        var orderIds = moving.Select(t => t.SourceOrderId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyDictionary<string, Link> sales = orderIds.Count == 0 ? new Dictionary<string, Link>() : await links.FindManyAsync(connection, LinkKind.Sale, orderIds, cancellationToken).ConfigureAwait(false);
        var syncRefunds = _context.Settings.Sales.SyncRefunds;

        // The store is asked again only for what the links cannot tell: which refund a refunded transaction belongs to, and
        // orders StoreBooks never recorded (placed before the sync start date, or not read yet).
        var toRead = moving.Where(t => t.SourceOrderId is { } id && ((t.Category == StorePayoutTransactionCategory.Refund && syncRefunds) || !sales.ContainsKey(id)))
            .Select(t => t.SourceOrderId!).Distinct(StringComparer.Ordinal).ToList();
        var orders = new Dictionary<string, StoreOrder>(StringComparer.Ordinal);
        if (toRead.Count > 0)
        {
            await foreach (var page in _orders.GetOrdersAsync(toRead, cancellationToken).ConfigureAwait(false))
            {
                foreach (var order in page.Records)
                {
                    orders[order.SourceId] = order;
                }
            }
        }

        var refundKeys = new Dictionary<StorePayoutTransaction, (StoreOrder Order, StoreRefund Refund)>();
        foreach (var t in moving.Where(t => t.Category == StorePayoutTransactionCategory.Refund && t.SourceOrderId is not null))
        {
            if (orders.TryGetValue(t.SourceOrderId!, out var order)
                && order.Refunds.FirstOrDefault(r => r.Payments.Any(p => p.SourceId == t.SourceOrderTransactionId)) is { } refund)
            {
                refundKeys[t] = (order, refund);
            }
        }

        var paymentKeys = moving.Where(t => t.Category == StorePayoutTransactionCategory.Charge && t.SourceOrderId is not null && t.SourceOrderTransactionId is not null)
            .Select(t => PaymentKey(t)).Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyDictionary<string, Link> payments = paymentKeys.Count == 0 ? new Dictionary<string, Link>() : await links.FindManyAsync(connection, LinkKind.Payment, paymentKeys, cancellationToken).ConfigureAwait(false);
        var refundLinkKeys = refundKeys.Values.Select(v => OrderSync.RefundKey(v.Order, v.Refund)).Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyDictionary<string, Link> refunds = refundLinkKeys.Count == 0 ? new Dictionary<string, Link>() : await links.FindManyAsync(connection, LinkKind.Refund, refundLinkKeys, cancellationToken).ConfigureAwait(false);

        var settled = new Dictionary<StorePayoutTransaction, Settlement>();
        foreach (var t in moving)
        {
            settled[t] = Settle(t, sales, orders, payments, refunds, refundKeys, syncRefunds);
        }

        return settled;
    }

    private Settlement Settle(
        StorePayoutTransaction t, IReadOnlyDictionary<string, Link> sales, Dictionary<string, StoreOrder> orders, IReadOnlyDictionary<string, Link> payments,
        IReadOnlyDictionary<string, Link> refunds, Dictionary<StorePayoutTransaction, (StoreOrder Order, StoreRefund Refund)> refundKeys, bool syncRefunds)
    {
        if (t.SourceOrderId is not { } orderId)
        {
            var what = t.Category == StorePayoutTransactionCategory.Refund ? PayoutMessages.RefundOfNoOrder : PayoutMessages.SaleOfNoOrder;
            return new Settlement(t, SettlementKind.NotPosted, what.With(("type", t.Type), ("id", t.SourceId)), PayoutMessages.NoOrderNamed.With());
        }

        var sale = sales.GetValueOrDefault(orderId);
        orders.TryGetValue(orderId, out var order);
        var reference = sale?.Reference is { } known ? OrderReference(known) : order is not null ? OrderCheck.ReferenceMessage(order) : StoreOrderReference(orderId);
        var notPosted = NotPostedWhy(sale, order);
        if (t.Category == StorePayoutTransactionCategory.Charge)
        {
            if (notPosted is not null)
            {
                return new Settlement(t, SettlementKind.NotPosted, reference, notPosted);
            }

            if (sale is not { State: LinkState.Done, QboId: { } saleId })
            {
                MessageArg refused = sale?.State == LinkState.Failed ? PayoutMessages.SaleWaitsRefused.With() : "";
                MessageArg missing = sale is null && order is null ? PayoutMessages.SaleWaitsMissing.With() : "";
                return new Settlement(t, SettlementKind.Waiting, reference, PayoutMessages.SaleWaits.With(("order", reference), ("refused", refused), ("missing", missing)));
            }

            if (SaleDocuments.PostedAs(sale) == _context.Qbo.Invoices.EntityName)
            {
                // An invoice's money came in through the payment StoreBooks applied for this very store transaction.
                return payments.GetValueOrDefault(PaymentKey(t)) is { State: LinkState.Done, QboId: { } paymentId }
                    ? new Settlement(t, SettlementKind.Document, reference, Document: new DocumentKey("Payment", paymentId))
                    : new Settlement(t, SettlementKind.Waiting, reference, PayoutMessages.PaymentWaits.With(("order", reference), ("transaction", t.SourceOrderTransactionId ?? "")));
            }

            return new Settlement(t, SettlementKind.Document, reference, Document: new DocumentKey("SalesReceipt", saleId));
        }

        var aRefund = PayoutMessages.RefundOf.With(("order", reference));
        if (!syncRefunds)
        {
            return new Settlement(t, SettlementKind.NotPosted, aRefund, PayoutMessages.RefundsOff.With());
        }

        if (notPosted is not null)
        {
            return new Settlement(t, SettlementKind.NotPosted, aRefund, PayoutMessages.OrderNotPosted.With(("why", notPosted)));
        }

        if (!refundKeys.TryGetValue(t, out var found))
        {
            var why = order is null ? PayoutMessages.RefundWaitsNoOrder.With() : PayoutMessages.RefundWaitsNoRefund.With(("transaction", t.SourceOrderTransactionId ?? ""));
            return new Settlement(t, SettlementKind.Waiting, aRefund, PayoutMessages.RefundWaits.With(("order", reference), ("why", why)));
        }

        var day = found.Refund.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var theRefund = PayoutMessages.RefundOn.With(("order", reference), ("date", day));
        return refunds.GetValueOrDefault(OrderSync.RefundKey(found.Order, found.Refund)) is { State: LinkState.Done, QboId: { } refundId }
            ? new Settlement(t, SettlementKind.Document, theRefund, Document: new DocumentKey("RefundReceipt", refundId))
            : new Settlement(t, SettlementKind.Waiting, theRefund, PayoutMessages.NotInQuickBooksYet.With(("what", theRefund)));
    }

    /// <summary>Why StoreBooks does not post this order and never will; null when it does (or will).</summary>
    private SyncMessage? NotPostedWhy(Link? sale, StoreOrder? order)
    {
        if (sale is { State: LinkState.Skipped or LinkState.Dismissed })
        {
            return sale.State == LinkState.Dismissed
                ? PayoutMessages.Dismissed.With(("why", sale.Message is { } said ? SyncMessage.Untranslated(said) : PayoutMessages.DismissedByMerchant.With()))
                : sale.Message is { } skipped ? SyncMessage.Untranslated(skipped) : PayoutMessages.SkippedByRule.With();
        }

        if (sale is null && order is not null)
        {
            if (order.IsTest)
            {
                return OrderMessages.TestOrder.With();
            }

            if (_context.Settings.SyncStartDate is { } start && DateOnly.FromDateTime(order.CreatedAt.DateTime) < start)
            {
                return OrderMessages.BeforeStart.With(("date", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }

        return null;
    }

    private static string PaymentKey(StorePayoutTransaction t) => $"{t.SourceOrderId}/payment-{t.SourceOrderTransactionId}";

    /// <summary>The documents as QuickBooks has them now, read by id, one query per entity and 50 ids.</summary>
    public async Task<IReadOnlyDictionary<DocumentKey, PostedDocument>> ReadAsync(IEnumerable<DocumentKey> keys, CancellationToken cancellationToken)
    {
        var qbo = _context.Qbo;
        var found = new Dictionary<DocumentKey, PostedDocument>();
        foreach (var group in keys.Distinct().GroupBy(k => k.Entity))
        {
            foreach (var chunk in group.Select(k => k.Id).Chunk(QueryChunk))
            {
                switch (group.Key)
                {
                    case "SalesReceipt":
                        await foreach (var d in qbo.SalesReceipts.QueryAsync(qbo.SalesReceipts.Where().WhereIn("Id", chunk), cancellationToken).ConfigureAwait(false))
                        {
                            Add(new PostedDocument(new("SalesReceipt", d.Id!), d.TotalAmt ?? 0, d.DepositToAccountRef, Deposits(d.LinkedTxn)));
                        }

                        break;
                    case "RefundReceipt":
                        await foreach (var d in qbo.RefundReceipts.QueryAsync(qbo.RefundReceipts.Where().WhereIn("Id", chunk), cancellationToken).ConfigureAwait(false))
                        {
                            Add(new PostedDocument(new("RefundReceipt", d.Id!), d.TotalAmt ?? 0, d.DepositToAccountRef, Deposits(d.LinkedTxn)));
                        }

                        break;
                    case "Payment":
                        await foreach (var d in qbo.Payments.QueryAsync(qbo.Payments.Where().WhereIn("Id", chunk), cancellationToken).ConfigureAwait(false))
                        {
                            Add(new PostedDocument(new("Payment", d.Id!), d.TotalAmt ?? 0, d.DepositToAccountRef, Deposits(d.LinkedTxn)));
                        }

                        break;
                }
            }
        }

        return found;

        void Add(PostedDocument document) => found[document.Key] = document;

        static IReadOnlyList<string> Deposits(IReadOnlyList<LinkedTxn>? linked) =>
            (linked ?? []).Where(l => l.TxnType == "Deposit" && l.TxnId is not null).Select(l => l.TxnId!).ToList();
    }
}
