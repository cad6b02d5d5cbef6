using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sales;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync.Payouts;

/// <summary>
/// Books per order the fees of a gateway whose payouts StoreBooks cannot read but whose fee the store records on each order (the
/// WooCommerce Stripe plugin's <c>_stripe_fee</c>): for each such order StoreBooks posted as a sales receipt into Undeposited
/// Funds, one QuickBooks deposit into the gateway's clearing account (<c>payouts.bankAccounts.&lt;gateway&gt;</c>, an Other Current
/// Asset) linking the receipt and taking the fee on a negative line to <c>payouts.feesAccount</c>: the clearing account then holds
/// the order's net, as the gateway's balance does, until the merchant's bank deposit (a transfer out of the clearing account,
/// matched by the reconciliation report). Exactly once through a payout link keyed <c>fee/&lt;order id&gt;</c>; never changed afterwards.
/// </summary>
public sealed class OrderFeeSync
{
    /// <summary>The link key prefix of an order's fee deposit (its links are payout links: a deposit StoreBooks made).</summary>
    public const string KeyPrefix = "fee/";

    private const int QueryChunk = 50;
    private readonly SyncContext _context;
    private readonly IStoreSource _source;
    private readonly string _payoutGateway;

    public OrderFeeSync(SyncContext context, IStoreSource source)
    {
        _context = context;
        _source = source;
        _payoutGateway = PayoutSync.GatewayOf(source.Kind);
    }

    public static string Key(string orderId) => KeyPrefix + orderId;

    /// <summary>
    /// Whether fees are booked per order at all: the payout settings name a clearing account (<c>payouts.bankAccounts</c>) for a
    /// gateway other than the one whose payouts the source reads.
    /// </summary>
    public static bool Wanted(Core.Payouts.PayoutSettings settings, string sourceKind) =>
        settings.Enabled && settings.BankAccounts.Keys.Any(g => !string.Equals(g, PayoutSync.GatewayOf(sourceKind), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Books the fees of the orders posted so far that have none booked yet, then takes the refunds posted since out of the clearing
    /// account (<see cref="RefundClearing"/>); returns how many deposits it made.
    /// </summary>
    public async Task<int> RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var made = await BookSalesAsync(runId, cancellationToken).ConfigureAwait(false);
        return made + await new RefundClearing(_context, _source).RunAsync(runId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> BookSalesAsync(Guid runId, CancellationToken cancellationToken)
    {
        var links = _context.State.Links;
        var connection = _context.ConnectionId;
        var (open, booked) = await ClearingDepositWrite.UnsettledAsync(_context, LinkKind.Sale, _context.Qbo.SalesReceipts.EntityName, cancellationToken).ConfigureAwait(false);
        if (open.Count == 0)
        {
            return 0;
        }

        var orders = new List<(Link Sale, StoreOrder Order, StoreGatewayFee Fee)>();
        var byId = open.ToDictionary(s => s.SourceId, StringComparer.Ordinal);
        await foreach (var page in _source.GetOrdersAsync(byId.Keys.ToList(), cancellationToken).ConfigureAwait(false))
        {
            foreach (var order in page.Records)
            {
                if (!byId.TryGetValue(order.SourceId, out var sale))
                {
                    continue;
                }

                if (order.GatewayFee is { } fee && !string.Equals(fee.Gateway, _payoutGateway, StringComparison.OrdinalIgnoreCase))
                {
                    orders.Add((sale, order, fee));
                }
                else if (booked.GetValueOrDefault(Key(order.SourceId)) is null)
                {
                    // No fee recorded on the order (another gateway): nothing to book, and the order is not read again for it.
                    var skipped = await links.ReserveAsync(connection, LinkKind.Payout, Key(order.SourceId), cancellationToken).ConfigureAwait(false);
                    await links.SaveAsync(skipped with { State = LinkState.Skipped, Message = "no gateway fee recorded on the order", UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var made = 0;
        foreach (var gateway in orders.GroupBy(o => o.Fee.Gateway, StringComparer.OrdinalIgnoreCase))
        {
            made += await BookAsync(runId, gateway.Key, gateway.ToList(), booked, cancellationToken).ConfigureAwait(false);
        }

        return made;
    }

    private async Task<int> BookAsync(Guid runId, string gateway, List<(Link Sale, StoreOrder Order, StoreGatewayFee Fee)> orders, IReadOnlyDictionary<string, Link> booked, CancellationToken cancellationToken)
    {
        var settings = _context.Settings.Payouts;
        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var settingsIssue = $"{KeyPrefix}{gateway.ToLowerInvariant()}.settings";
        var own = settings.BankAccounts.FirstOrDefault(p => string.Equals(p.Key, gateway, StringComparison.OrdinalIgnoreCase)).Value;
        var clearing = company.FindAccount(own);
        if (clearing?.Id is null || !PaymentRouting.DepositAccountTypes.Contains(clearing.AccountType ?? "", StringComparer.Ordinal))
        {
            await RaiseAsync(runId, settingsIssue, "payout settings", GatewayFeeMessages.NoClearing.With(("count", orders.Count), ("gateway", gateway)), cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var fees = company.FindAccount(settings.FeesAccount);
        if (fees?.Id is null)
        {
            var problem = settings.FeesAccount is null ? "payouts.feesAccount is not set" : $"QuickBooks has no account {settings.FeesAccount}";
            await RaiseAsync(runId, settingsIssue, "payout settings", GatewayFeeMessages.NoFeesAccount.With(("count", orders.Count), ("gateway", gateway), ("problem", problem)), cancellationToken).ConfigureAwait(false);
            return 0;
        }

        await _context.State.Runs.ResolveAsync(_context.ConnectionId, LinkKind.Payout, settingsIssue, _context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var receipts = new Dictionary<string, SalesReceiptView>(StringComparer.Ordinal);
        var qbo = _context.Qbo;
        foreach (var chunk in orders.Select(o => o.Sale.QboId!).Distinct(StringComparer.Ordinal).Chunk(QueryChunk))
        {
            await foreach (var d in qbo.SalesReceipts.QueryAsync(qbo.SalesReceipts.Where().WhereIn("Id", chunk), cancellationToken).ConfigureAwait(false))
            {
                receipts[d.Id!] = new SalesReceiptView(d.TotalAmt ?? 0, d.TxnDate, d.DepositToAccountRef, (d.LinkedTxn ?? []).Any(l => l.TxnType == "Deposit"));
            }
        }

        var method = PaymentRouting.MethodName(gateway);
        var made = 0;
        foreach (var (sale, order, fee) in orders.OrderBy(o => o.Order.CreatedAt).ThenBy(o => o.Order.SourceId, StringComparer.Ordinal))
        {
            var key = Key(order.SourceId);
            var orderReference = OrderCheck.ReferenceMessage(order);
            var what = GatewayFeeMessages.Reference.With(("gateway", method), ("order", orderReference));
            var link = booked.GetValueOrDefault(key);
            if (!string.Equals(fee.Currency, order.Currency, StringComparison.OrdinalIgnoreCase))
            {
                await RefuseAsync(runId, key, what, link, GatewayFeeMessages.Currency.With(("fee", what), ("feeCurrency", fee.Currency), ("orderCurrency", order.Currency), ("gateway", method)), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var replaying = link is { State: LinkState.Pending };
            if (!receipts.TryGetValue(sale.QboId!, out var receipt)
                || (!replaying && (receipt.OnDeposit || company.Accounts.FirstOrDefault(a => a.Id == receipt.Account?.Value)?.AccountSubType != "UndepositedFunds")))
            {
                await RefuseAsync(runId, key, what, link, GatewayFeeMessages.NotInUndepositedFunds.With(("fee", what), ("id", sale.QboId!), ("gateway", gateway)), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var deposit = new Deposit
            {
                TxnDate = receipt.Date,
                DepositToAccountRef = Ref.To(clearing.Id, clearing.Name),
                CurrencyRef = company.MultiCurrency ? Ref.To(order.Currency.ToUpperInvariant()) : null,
                PrivateNote = $"{SaleDocuments.Marker("payout", key)} {Capital(what.Text)}",
                Line =
                [
                    new Line { Amount = receipt.Amount, LinkedTxn = [new LinkedTxn { TxnId = sale.QboId, TxnType = "SalesReceipt", TxnLineId = "0" }] },
                    new Line
                    {
                        Amount = -fee.Fee,
                        DetailType = "DepositLineDetail",
                        Description = $"{method} fee, {orderReference.Text}",
                        DepositLineDetail = new DepositLineDetail { AccountRef = Ref.To(fees.Id, fees.Name) },
                    },
                ],
            };
            if (!await ClearingDepositWrite.PostAsync(_context, runId, key, what, link, deposit, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await _context.State.Runs.ResolveAsync(_context.ConnectionId, LinkKind.Payout, key, _context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            made++;
        }

        return made;
    }

    private sealed record SalesReceiptView(decimal Amount, DateOnly? Date, Ref? Account, bool OnDeposit);

    private Task RefuseAsync(Guid runId, string key, SyncMessage what, Link? link, SyncMessage message, CancellationToken cancellationToken) =>
        ClearingDepositWrite.RefuseAsync(_context, runId, key, what, link, message, cancellationToken);

    private Task RaiseAsync(Guid runId, string sourceId, string reference, SyncMessage message, CancellationToken cancellationToken) =>
        _context.RaiseAsync(runId, LinkKind.Payout, sourceId, reference, message.Text, message.Code is null ? null : message, cancellationToken);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
