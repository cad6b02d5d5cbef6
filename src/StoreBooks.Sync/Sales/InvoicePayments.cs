using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Payments;

namespace StoreBooks.Sync.Sales;

/// <summary>One gateway's money on an order and where it goes.</summary>
public sealed record Tender(string Gateway, decimal Amount, PaymentRoute Route);

/// <summary>
/// The money an order received, and the QuickBooks payments that apply it to the order's invoice: one payment per store payment
/// (a capture, a sale, a later bank transfer), each through its own link, so a payment the store records after the invoice was
/// posted (an unpaid order paid later, a second instalment) is applied when the store records it, and none is applied twice.
/// A payment never exceeds what the invoice still owes in QuickBooks (it may have been paid there by hand).
/// </summary>
public sealed class InvoicePayments
{
    private readonly SyncContext _context;
    private readonly LinkedWrite _writes;
    private readonly PaymentRouting _routing;

    public InvoicePayments(SyncContext context, LinkedWrite writes, PaymentRouting routing)
    {
        _context = context;
        _writes = writes;
        _routing = routing;
    }

    /// <summary>The link key of one store payment applied to an order's invoice (it leads back to the order).</summary>
    public static string Key(StoreOrder order, StorePayment payment) => $"{order.SourceId}/payment-{payment.SourceId}";

    /// <summary>The money received by gateway (gift cards aside, they are a line), largest first, each with its route.</summary>
    public async Task<(List<Tender> Tenders, List<SyncMessage> Problems)> TendersAsync(StoreOrder order, CancellationToken cancellationToken)
    {
        var tenders = new List<Tender>();
        var problems = new List<SyncMessage>();
        var received = Received(order)
            .GroupBy(p => p.Gateway.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => (Gateway: g.Key, Amount: g.Sum(p => p.Amount)))
            .OrderByDescending(g => g.Amount).ThenBy(g => g.Gateway, StringComparer.OrdinalIgnoreCase);
        foreach (var (gateway, amount) in received)
        {
            var (route, problem) = await _routing.ForAsync(gateway, cancellationToken).ConfigureAwait(false);
            if (route is null)
            {
                problems.Add(problem!);
                continue;
            }

            tenders.Add(new Tender(gateway, amount, route));
        }

        if (tenders.Count == 0 && problems.Count == 0)
        {
            // Nothing received yet (an unpaid invoice) or all by gift card: the gateway the order names decides the receipt's accounts.
            var (route, problem) = await _routing.ForAsync(MainGateway(order), cancellationToken).ConfigureAwait(false);
            if (route is null)
            {
                problems.Add(problem!);
            }
        }

        return (tenders, problems);
    }

    /// <summary>Applies each payment the store received to the invoice; false when none was posted now.</summary>
    public async Task<bool> PayAsync(StoreOrder order, Ref customer, string invoiceId, CancellationToken cancellationToken)
    {
        var payments = Received(order).OrderBy(p => p.ProcessedAt ?? order.CreatedAt).ThenBy(p => p.SourceId, StringComparer.Ordinal).ToList();
        if (payments.Count == 0)
        {
            return false;
        }

        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var done = await _context.State.Links.FindManyAsync(_context.ConnectionId, LinkKind.Payment, payments.Select(p => Key(order, p)).ToList(), cancellationToken).ConfigureAwait(false);
        var posted = false;
        decimal? open = null;
        foreach (var payment in payments)
        {
            var key = Key(order, payment);
            if (done.GetValueOrDefault(key) is { State: LinkState.Done })
            {
                continue;
            }

            // Only what the invoice still owes: it may have been paid in QuickBooks already (by hand, or before StoreBooks lost its
            // state and adopted the invoice), and QuickBooks refuses a payment larger than the open balance.
            open ??= (await _context.Qbo.Invoices.GetAsync(invoiceId, cancellationToken).ConfigureAwait(false)).Balance ?? 0m;
            var amount = Math.Min(payment.Amount, open.Value);
            if (amount <= 0)
            {
                continue;
            }

            var (route, _) = await _routing.ForAsync(payment.Gateway, cancellationToken).ConfigureAwait(false);
            if (route is null)
            {
                // TendersAsync reported the gateway's mapping; nothing to apply for it.
                continue;
            }

            open -= amount;
            await _writes.EnsureAsync(LinkKind.Payment, key, async (write, ct) =>
            {
                var document = new Payment
                {
                    CustomerRef = customer,
                    TxnDate = DateOnly.FromDateTime((payment.ProcessedAt ?? order.CreatedAt).DateTime),
                    TotalAmt = amount,
                    PaymentMethodRef = route.Method,
                    DepositToAccountRef = route.DepositAccount,
                    CurrencyRef = company.MultiCurrency ? Ref.To(order.Currency.ToUpperInvariant()) : null,
                    PrivateNote = SaleDocuments.Marker("payment", key),
                    Line = [new Line { Amount = amount, LinkedTxn = [new LinkedTxn { TxnId = invoiceId, TxnType = "Invoice" }] }],
                };
                var created = await _writes.Batches.CreateAsync(document, write.Link, write.Fresh, null,
                    c => _context.Qbo.Payments.CreateAsync(document, QboRequestOptions.WithRequestId(write.Link.RequestId), c), ct).ConfigureAwait(false);
                return (created.Id!, created.SyncToken);
            }, cancellationToken).ConfigureAwait(false);
            posted = true;
        }

        return posted;
    }

    /// <summary>The gateway that took most of the money (gift cards aside); "store" when the order names none.</summary>
    public static string MainGateway(StoreOrder order) =>
        Received(order)
            .GroupBy(p => p.Gateway, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Sum(p => p.Amount))
            .Select(g => g.Key)
            .FirstOrDefault() ?? "store";

    private static IEnumerable<StorePayment> Received(StoreOrder order) =>
        order.Payments.Where(p => p.Kind == StorePaymentKind.Received && !p.IsGiftCard && p.Amount > 0);
}
