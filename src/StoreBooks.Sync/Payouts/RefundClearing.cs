using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync.Payouts;

/// <summary>
/// Takes the refunds of orders whose gateway fee <see cref="OrderFeeSync"/> booked out of the gateway's clearing account, so that
/// the account holds per order what the gateway will pay out (the plugin's <c>_stripe_net</c>: payment − fee − refunds, the fee
/// usually kept by the gateway). A refund receipt leaves Undeposited Funds like any refund; for each one, a deposit into the
/// clearing account links it (−amount) and takes the same amount out of the clearing account on a direct line (+amount): its total
/// is 0 (QuickBooks cannot record a negative deposit), or the part of the fee the gateway gave back (a line to the fees account,
/// the order's fee as the store records it now against the fees booked so far). Exactly once per refund, through a payout link keyed
/// <c>fee/&lt;order&gt;/&lt;refund&gt;</c>, after its order's fee deposit; never changed afterwards.
/// </summary>
internal sealed class RefundClearing(SyncContext context, IStoreSource source)
{
    private const int QueryChunk = 50;

    /// <summary>The order id of a refund link's key (<c>&lt;order&gt;/&lt;refund&gt;</c>).</summary>
    public static string OrderOf(string refundKey) => refundKey.Split('/')[0];

    public async Task<int> RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var links = context.State.Links;
        var connection = context.ConnectionId;
        var (open, booked) = await ClearingDepositWrite.UnsettledAsync(context, LinkKind.Refund, context.Qbo.RefundReceipts.EntityName, cancellationToken).ConfigureAwait(false);
        if (open.Count == 0)
        {
            return 0;
        }

        // A refund waits for its order's fee deposit; an order with no fee booked (another gateway) has none to take out.
        var sales = await links.FindManyAsync(connection, LinkKind.Payout, open.Select(r => OrderFeeSync.Key(OrderOf(r.SourceId))).Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        var due = new List<Link>();
        foreach (var refund in open)
        {
            switch (sales.GetValueOrDefault(OrderFeeSync.Key(OrderOf(refund.SourceId))))
            {
                case { State: LinkState.Done, QboId: not null }:
                    due.Add(refund);
                    break;
                case { State: LinkState.Skipped or LinkState.Dismissed } when booked.GetValueOrDefault(OrderFeeSync.Key(refund.SourceId)) is null:
                    var skipped = await links.ReserveAsync(connection, LinkKind.Payout, OrderFeeSync.Key(refund.SourceId), cancellationToken).ConfigureAwait(false);
                    await links.SaveAsync(skipped with { State = LinkState.Skipped, Message = "no gateway fee booked for the order", UpdatedAt = context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        if (due.Count == 0)
        {
            return 0;
        }

        var orders = new Dictionary<string, StoreOrder>(StringComparer.Ordinal);
        await foreach (var page in source.GetOrdersAsync(due.Select(r => OrderOf(r.SourceId)).Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false))
        {
            foreach (var order in page.Records)
            {
                orders[order.SourceId] = order;
            }
        }

        var company = await context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var settings = context.Settings.Payouts;
        var fees = company.FindAccount(settings.FeesAccount);
        var qbo = context.Qbo;
        var receipts = new Dictionary<string, QuickBooks.RefundReceipts.RefundReceipt>(StringComparer.Ordinal);
        foreach (var chunk in due.Select(r => r.QboId!).Distinct(StringComparer.Ordinal).Chunk(QueryChunk))
        {
            await foreach (var r in qbo.RefundReceipts.QueryAsync(qbo.RefundReceipts.Where().WhereIn("Id", chunk), cancellationToken).ConfigureAwait(false))
            {
                receipts[r.Id!] = r;
            }
        }

        // The fees booked so far per order: its fee deposit's fee line, less what earlier refunds' deposits gave back.
        var done = (await links.ListAsync(connection, LinkKind.Payout, LinkState.Done, cancellationToken).ConfigureAwait(false))
            .Where(l => l.SourceId.StartsWith(OrderFeeSync.KeyPrefix, StringComparison.Ordinal) && l.QboId is not null && orders.ContainsKey(OrderOf(l.SourceId[OrderFeeSync.KeyPrefix.Length..]))).ToList();
        var bookedFees = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var chunk in done.Select(l => l.QboId!).Distinct(StringComparer.Ordinal).Chunk(QueryChunk))
        {
            var byId = done.Where(l => chunk.Contains(l.QboId)).ToLookup(l => l.QboId!, StringComparer.Ordinal);
            await foreach (var d in qbo.Deposits.QueryAsync(qbo.Deposits.Where().WhereIn("Id", chunk), cancellationToken).ConfigureAwait(false))
            {
                foreach (var link in byId[d.Id!])
                {
                    var order = OrderOf(link.SourceId[OrderFeeSync.KeyPrefix.Length..]);
                    bookedFees[order] = bookedFees.GetValueOrDefault(order) + ClearingDeposits.Fees(d);
                }
            }
        }

        var made = 0;
        foreach (var refund in due.OrderBy(r => receipts.GetValueOrDefault(r.QboId!)?.TxnDate).ThenBy(r => r.SourceId, StringComparer.Ordinal))
        {
            if (!orders.TryGetValue(OrderOf(refund.SourceId), out var order) || order.GatewayFee is not { } fee)
            {
                continue;
            }

            var clearing = company.FindAccount(settings.BankAccounts.FirstOrDefault(p => string.Equals(p.Key, fee.Gateway, StringComparison.OrdinalIgnoreCase)).Value);
            if (clearing?.Id is null || fees?.Id is null)
            {
                continue;
            }

            var key = OrderFeeSync.Key(refund.SourceId);
            var method = PaymentRouting.MethodName(fee.Gateway);
            var what = GatewayFeeMessages.RefundReference.With(("refund", refund.Reference ?? refund.SourceId), ("gateway", method));
            var link = booked.GetValueOrDefault(key);
            var replaying = link is { State: LinkState.Pending };
            if (!receipts.TryGetValue(refund.QboId!, out var receipt)
                || (!replaying && ((receipt.LinkedTxn ?? []).Any(l => l.TxnType == "Deposit") || company.Accounts.FirstOrDefault(a => a.Id == receipt.DepositToAccountRef?.Value)?.AccountSubType != "UndepositedFunds")))
            {
                await RefuseAsync(runId, key, what, link, GatewayFeeMessages.RefundNotInUndepositedFunds.With(("refund", what), ("id", refund.QboId!), ("gateway", fee.Gateway)), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var amount = receipt.TotalAmt ?? 0;
            var clearingRef = Ref.To(clearing.Id, clearing.Name);
            var lines = new List<Line>
            {
                new() { Amount = -amount, LinkedTxn = [new LinkedTxn { TxnId = receipt.Id, TxnType = "RefundReceipt", TxnLineId = "0" }] },
                Direct(amount, clearingRef, $"{method} paid the refund from its balance, {refund.Reference ?? refund.SourceId}"),
            };
            var givenBack = bookedFees.GetValueOrDefault(order.SourceId) - fee.Fee;
            if (givenBack > 0)
            {
                lines.Add(Direct(givenBack, Ref.To(fees.Id, fees.Name), $"{method} fee given back on the refund, {refund.Reference ?? refund.SourceId}"));
            }

            var deposit = new Deposit
            {
                TxnDate = receipt.TxnDate,
                DepositToAccountRef = clearingRef,
                CurrencyRef = company.MultiCurrency ? Ref.To(order.Currency.ToUpperInvariant()) : null,
                PrivateNote = $"{SaleDocuments.Marker("payout", key)} {char.ToUpperInvariant(what.Text[0])}{what.Text[1..]}",
                Line = lines,
            };
            if (!await ClearingDepositWrite.PostAsync(context, runId, key, what, link, deposit, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            bookedFees[order.SourceId] = bookedFees.GetValueOrDefault(order.SourceId) - Math.Max(givenBack, 0);
            await context.State.Runs.ResolveAsync(context.ConnectionId, LinkKind.Payout, key, context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            made++;
        }

        return made;
    }

    private static Line Direct(decimal amount, Ref account, string description) => new()
    {
        Amount = amount,
        DetailType = "DepositLineDetail",
        Description = description,
        DepositLineDetail = new DepositLineDetail { AccountRef = account },
    };

    private Task RefuseAsync(Guid runId, string key, SyncMessage what, Link? link, SyncMessage message, CancellationToken cancellationToken) =>
        ClearingDepositWrite.RefuseAsync(context, runId, key, what, link, message, cancellationToken);
}

/// <summary>What a deposit into a gateway's clearing account does to it and to the fees (its direct lines on other accounts are fee lines).</summary>
internal static class ClearingDeposits
{
    /// <summary>The fees the deposit books: the opposite of its direct lines on accounts other than the clearing account.</summary>
    public static decimal Fees(Deposit deposit) =>
        -(deposit.Line ?? []).Where(l => l.DepositLineDetail?.AccountRef?.Value is { } account && account != deposit.DepositToAccountRef?.Value).Sum(l => l.Amount ?? 0);

    /// <summary>What the deposit adds to the clearing account: its total less what its direct lines take out of that same account.</summary>
    public static decimal Net(Deposit deposit) =>
        (deposit.TotalAmt ?? 0) - (deposit.Line ?? []).Where(l => l.DepositLineDetail?.AccountRef?.Value is { } account && account == deposit.DepositToAccountRef?.Value).Sum(l => l.Amount ?? 0);
}
