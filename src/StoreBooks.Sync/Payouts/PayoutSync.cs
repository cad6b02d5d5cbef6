using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync.Payouts;

/// <summary>
/// Books a store's payouts into QuickBooks so that QuickBooks' deposits equal the bank's: each paid payout not yet deposited
/// becomes one Deposit into the bank account (<see cref="DepositComposer"/> says what its lines are), made exactly once through
/// the payout's link (<see cref="LinkKind.Payout"/>, its requestid replayed after a crash) and never changed afterwards. A payout
/// whose sales or refunds are not all in QuickBooks yet waits, with an issue that says which; a payout that cannot be posted is
/// refused with an issue that says why; one payout's problem never stops the others. Payouts are read from the last one still
/// open (scheduled, in transit, waiting, failed and not yet sent again) on, from the settings' start date at the earliest.
/// </summary>
public sealed class PayoutSync
{
    /// <summary>The stream name of payouts' cursor: the issue day of the earliest payout still open.</summary>
    public const string PayoutsStream = "payouts";

    /// <summary>The source id of the issue raised when the payout settings cannot work.</summary>
    public const string SettingsIssue = "payouts.settings";

    /// <summary>The source id of the issue raised when the payouts cannot be read.</summary>
    public const string SourceIssue = "payouts.source";


    private readonly SyncContext _context;
    private readonly IPayoutSource _payouts;
    private readonly PayoutDocuments _documents;
    private readonly string _gateway;

    public PayoutSync(SyncContext context, IPayoutSource payouts, IStoreSource orders)
    {
        _context = context;
        _payouts = payouts;
        _documents = new PayoutDocuments(context, orders);
        _gateway = GatewayOf(orders.Kind);
    }

    /// <summary>Send again a deposit QuickBooks refused even when it would be sent unchanged (the merchant fixed something in QuickBooks).</summary>
    public bool RetryRefused { get; set; }

    /// <summary>The store gateway whose payouts a source of this kind reads ("shopify", and Shopify's CSV exports → "shopify_payments").</summary>
    public static string GatewayOf(string sourceKind) => sourceKind.Trim().ToLowerInvariant() switch
    {
        "shopify" or "csv" => "shopify_payments",
        "woocommerce" => "woocommerce_payments",
        var other => other + "_payments",
    };

    public async Task<PayoutRun> RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var settings = _context.Settings.Payouts;
        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var (accounts, problem) = PayoutAccounts.Resolve(settings, _gateway, company);
        if (accounts is null)
        {
            await RaiseAsync(runId, SettingsIssue, "payout settings", problem!, cancellationToken).ConfigureAwait(false);
            return new PayoutRun([], problem!.Text);
        }

        await ResolveAsync(SettingsIssue, cancellationToken).ConfigureAwait(false);
        var start = settings.StartDate ?? _context.Settings.SyncStartDate;
        var cursor = await _context.State.Cursors.GetAsync(_context.ConnectionId, PayoutsStream, cancellationToken).ConfigureAwait(false);
        var since = Later(start, Earlier(cursor is { } c ? DateOnly.FromDateTime(c.UtcDateTime) : null, await EarliestOpenAsync(cancellationToken).ConfigureAwait(false)));
        var read = new List<StorePayout>();
        try
        {
            await foreach (var page in _payouts.ReadPayoutsAsync(since, cancellationToken).ConfigureAwait(false))
            {
                read.AddRange(page.Records.Where(p => start is null || p.IssuedOn >= start));
                foreach (var unread in page.Problems)
                {
                    await RaiseAsync(runId, unread.RecordId, unread.RecordId, SyncMessage.Untranslated(unread.Message), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!_payouts.HasPayouts)
            {
                // The source found it has no payouts to read (a WooCommerce site without WooPayments): nothing is wrong, there are none.
                await ResolveAsync(SourceIssue, cancellationToken).ConfigureAwait(false);
                return new PayoutRun([], null);
            }

            var message = PayoutMessages.Unreadable.With(("detail", e.Message));
            await RaiseAsync(runId, SourceIssue, "payouts", message, cancellationToken).ConfigureAwait(false);
            return new PayoutRun([], message.Text);
        }

        await ResolveAsync(SourceIssue, cancellationToken).ConfigureAwait(false);
        var links = await _context.State.Links.FindManyAsync(_context.ConnectionId, LinkKind.Payout, read.Select(p => p.SourceId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        var ended = new HashSet<string>(links.Values.Where(Ended).Select(l => l.SourceId), StringComparer.Ordinal);
        var deposited = await _context.State.Links.ListAsync(_context.ConnectionId, LinkKind.Payout, LinkState.Done, cancellationToken).ConfigureAwait(false);
        var own = deposited.Select(l => l.QboId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        await EndAbsorbedAsync(read, links, deposited, ended, cancellationToken).ConfigureAwait(false);

        // Oldest first, so a failed payout is taken by the first payout that sends its money again.
        var due = read.Where(p => p.State == StorePayoutState.Paid && !ended.Contains(p.SourceId))
            .OrderBy(p => p.IssuedOn).ThenBy(p => p.SourceId, StringComparer.Ordinal).ToList();
        var failed = read.Where(p => p.State is StorePayoutState.Failed or StorePayoutState.Canceled && !ended.Contains(p.SourceId)).ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var contents = due.Select(p => PayoutContents.Of(p, failed, taken)).ToList();

        var outcomes = new List<PayoutOutcome>();
        if (contents.Count > 0)
        {
            IReadOnlyDictionary<StorePayoutTransaction, Settlement> settled;
            IReadOnlyDictionary<DocumentKey, PostedDocument> documents;
            Dictionary<string, string> references;
            try
            {
                var all = contents.SelectMany(c => c.Transactions).ToList();
                settled = await _documents.SettleAsync(all, cancellationToken).ConfigureAwait(false);
                documents = await _documents.ReadAsync(settled.Values.Select(s => s.Document).OfType<DocumentKey>(), cancellationToken).ConfigureAwait(false);
                references = await _documents.ReferencesAsync(all.Select(t => t.SourceOrderId).OfType<string>(), cancellationToken).ConfigureAwait(false);
            }
            catch (QboException e)
            {
                var message = PayoutMessages.DocumentsUnreadable.With(("detail", e.Message)).Text;
                return new PayoutRun(due.Select(p => new PayoutOutcome(p.SourceId, DepositComposer.Reference(p), PayoutResult.Deferred, message)).ToList(), null);
            }

            var composer = new DepositComposer(company, accounts, _gateway);
            var depositedThisRun = new HashSet<DocumentKey>();
            foreach (var payout in contents)
            {
                var link = links.GetValueOrDefault(payout.Payout.SourceId);
                var draft = composer.Compose(payout, settled, documents, references, own, depositedThisRun, replaying: link is { State: LinkState.Pending });
                var outcome = await PostAsync(payout, draft, link, runId, cancellationToken).ConfigureAwait(false);
                outcomes.Add(outcome);
                if (outcome.Result == PayoutResult.Deposited)
                {
                    ended.Add(payout.Payout.SourceId);
                    ended.UnionWith(payout.Absorbed.Select(a => a.SourceId));
                    own.Add(outcome.DepositId!);
                    depositedThisRun.UnionWith(draft.Deposit!.Line!.Where(l => l.LinkedTxn is { Count: > 0 }).Select(l => new DocumentKey(l.LinkedTxn![0].TxnType!, l.LinkedTxn[0].TxnId!)));
                }
            }
        }

        await MoveCursorAsync(read, ended, cursor, cancellationToken).ConfigureAwait(false);
        return new PayoutRun(outcomes, null);
    }

    private static bool Ended(Link link) => link.State is LinkState.Done or LinkState.Skipped or LinkState.Dismissed;

    /// <summary>
    /// A failed payout whose link a crash left reserved (Pending, no deposit of its own) after the deposit that holds its money was
    /// made: the failed payout is no longer due and no later payout takes it again, so it ends here, as the run that made that
    /// deposit would have ended it.
    /// </summary>
    private async Task EndAbsorbedAsync(List<StorePayout> read, IReadOnlyDictionary<string, Link> links, IReadOnlyList<Link> deposited, HashSet<string> ended, CancellationToken cancellationToken)
    {
        foreach (var failed in read.Where(p => p.State is StorePayoutState.Failed or StorePayoutState.Canceled))
        {
            if (links.GetValueOrDefault(failed.SourceId) is not { State: LinkState.Pending, QboId: null } link)
            {
                continue;
            }

            var mention = $"holds the money of {DepositComposer.Reference(failed)},";
            if (deposited.FirstOrDefault(d => d.Warnings.Any(w => w.Contains(mention, StringComparison.Ordinal))) is not { QboId: { } depositId } holder)
            {
                continue;
            }

            await _context.State.Links.SaveAsync(link with
            {
                State = LinkState.Skipped,
                QboId = depositId,
                Reference = DepositComposer.Reference(failed),
                Message = PayoutMessages.Absorbed.With(("payout", holder.Reference ?? ""), ("deposit", depositId)).Text,
                UpdatedAt = _context.Time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
            ended.Add(failed.SourceId);
        }
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>The earlier day; a null cursor (nothing read yet) stays null: everything is read.</summary>
    private static DateOnly? Earlier(DateOnly? cursor, DateOnly? open) => cursor is null ? null : open is null ? cursor : open < cursor ? open : cursor;

    /// <summary>
    /// The issue day of the earliest payout whose link is open (its deposit in flight, waiting, refused), from the link's reference:
    /// such a payout is read again whatever the cursor says.
    /// </summary>
    private async Task<DateOnly?> EarliestOpenAsync(CancellationToken cancellationToken)
    {
        DateOnly? earliest = null;
        foreach (var state in new[] { LinkState.Pending, LinkState.Waiting, LinkState.Failed })
        {
            foreach (var link in await _context.State.Links.ListAsync(_context.ConnectionId, LinkKind.Payout, state, cancellationToken).ConfigureAwait(false))
            {
                if (link.Reference is { Length: >= 10 } reference
                    && DateOnly.TryParseExact(reference[^10..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    && (earliest is null || day < earliest))
                {
                    earliest = day;
                }
            }
        }

        return earliest;
    }

    private async Task<PayoutOutcome> PostAsync(PayoutContents contents, DepositDraft draft, Link? link, Guid runId, CancellationToken cancellationToken)
    {
        var payout = contents.Payout;
        var referenceMessage = DepositComposer.ReferenceMessage(payout);
        var reference = referenceMessage.Text;
        if (draft.Waits.Count > 0)
        {
            MessageArg more = draft.Waits.Count > 5 ? PayoutMessages.WaitsMore.With(("count", draft.Waits.Count - 5)) : "";
            var message = PayoutMessages.Waits.With(("payout", referenceMessage), ("waits", MessageArg.List(draft.Waits.Take(5).Select(w => (MessageArg)w), "; ")), ("more", more));
            await SaveStateAsync(payout, link, LinkState.Waiting, message.Text, null, cancellationToken).ConfigureAwait(false);
            await RaiseAsync(runId, payout.SourceId, reference, message, cancellationToken).ConfigureAwait(false);
            return new PayoutOutcome(payout.SourceId, reference, PayoutResult.Waiting, message.Text);
        }

        if (draft.Deposit is not { } deposit)
        {
            await SaveStateAsync(payout, link, LinkState.Failed, draft.Refusal!.Text, null, cancellationToken).ConfigureAwait(false);
            await RaiseAsync(runId, payout.SourceId, reference, draft.Refusal, cancellationToken).ConfigureAwait(false);
            return new PayoutOutcome(payout.SourceId, reference, PayoutResult.Refused, draft.Refusal.Text);
        }

        var fingerprint = Fingerprint(deposit);
        var refusedPrefix = PayoutMessages.Refused.With(("payout", referenceMessage), ("detail", "")).Text;
        if (link is { State: LinkState.Failed } && link.Fingerprint == fingerprint && link.Message?.StartsWith(refusedPrefix, StringComparison.Ordinal) == true && !RetryRefused)
        {
            // QuickBooks refused this very deposit: sending it unchanged would be refused again. The issue stays open, as the refusal said it.
            var again = PayoutMessages.Refused.With(("payout", referenceMessage), ("detail", link.Message[refusedPrefix.Length..]));
            await RaiseAsync(runId, payout.SourceId, reference, again, cancellationToken).ConfigureAwait(false);
            return new PayoutOutcome(payout.SourceId, reference, PayoutResult.Refused, link.Message);
        }

        // The link names the payout (and its day) and keeps what the deposit is before the write: a deposit left in flight is found
        // again by its day, and a crash right after QuickBooks' answer loses nothing of the link's record.
        link ??= await _context.State.Links.ReserveAsync(_context.ConnectionId, LinkKind.Payout, payout.SourceId, cancellationToken).ConfigureAwait(false);
        var described = link with
        {
            Reference = reference,
            Fingerprint = fingerprint,
            CreatedWith = link.CreatedWith ?? new JsonObject { ["entity"] = "Deposit", ["amount"] = payout.Amount, ["currency"] = payout.Currency }.ToJsonString(),
            Warnings = [.. draft.Warnings.Select(w => w.Text)],
            WarningDetails = draft.Warnings,
        };
        if (!described.Equals(link))
        {
            await _context.State.Links.SaveAsync(described with { UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }

        var writes = new LinkedWrite(_context);
        string depositId;
        try
        {
            depositId = await writes.EnsureAsync(LinkKind.Payout, payout.SourceId, async (requestId, ct) =>
            {
                var created = await _context.Qbo.Deposits.CreateAsync(deposit, QboRequestOptions.WithRequestId(requestId), ct).ConfigureAwait(false);
                return (created.Id!, created.SyncToken);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (QboException e) when (SaleDocuments.IsRefusal(e))
        {
            var message = PayoutMessages.Refused.With(("payout", referenceMessage), ("detail", e.Message));
            var refused = await _context.State.Links.FindAsync(_context.ConnectionId, LinkKind.Payout, payout.SourceId, cancellationToken).ConfigureAwait(false);
            await SaveStateAsync(payout, refused is null ? null : refused with { State = LinkState.Failed }, LinkState.Failed, message.Text, fingerprint, cancellationToken).ConfigureAwait(false);
            await RaiseAsync(runId, payout.SourceId, reference, message, cancellationToken).ConfigureAwait(false);
            return new PayoutOutcome(payout.SourceId, reference, PayoutResult.Refused, message.Text);
        }
        catch (QboException e)
        {
            return new PayoutOutcome(payout.SourceId, reference, PayoutResult.Deferred,
                PayoutMessages.NotSentNow.With(("payout", referenceMessage), ("kind", e.Kind.ToString()), ("detail", e.Message)).Text);
        }

        var now = _context.Time.GetUtcNow();

        foreach (var absorbed in contents.Absorbed)
        {
            var failedLink = await _context.State.Links.FindAsync(_context.ConnectionId, LinkKind.Payout, absorbed.SourceId, cancellationToken).ConfigureAwait(false)
                ?? await _context.State.Links.ReserveAsync(_context.ConnectionId, LinkKind.Payout, absorbed.SourceId, cancellationToken).ConfigureAwait(false);
            await _context.State.Links.SaveAsync(failedLink with
            {
                State = LinkState.Skipped,
                QboId = depositId,
                Reference = DepositComposer.Reference(absorbed),
                Message = PayoutMessages.Absorbed.With(("payout", referenceMessage), ("deposit", depositId)).Text,
                UpdatedAt = now,
            }, cancellationToken).ConfigureAwait(false);
            await ResolveAsync(absorbed.SourceId, cancellationToken).ConfigureAwait(false);
        }

        await ResolveAsync(payout.SourceId, cancellationToken).ConfigureAwait(false);
        return new PayoutOutcome(payout.SourceId, reference, PayoutResult.Deposited) { DepositId = depositId, Warnings = [.. draft.Warnings.Select(w => w.Text)] };
    }

    /// <summary>
    /// The cursor stays at the earliest payout read that is still open (not deposited, or failed and not yet sent again), else moves
    /// to the latest one read: the next run reads from there (the provider's date filter includes the day).
    /// </summary>
    private async Task MoveCursorAsync(List<StorePayout> read, HashSet<string> ended, DateTimeOffset? cursor, CancellationToken cancellationToken)
    {
        if (read.Count == 0)
        {
            return;
        }

        var open = read.Where(p => !ended.Contains(p.SourceId)).Select(p => (DateOnly?)p.IssuedOn).Min();
        var day = open ?? read.Max(p => p.IssuedOn);
        var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (cursor != at)
        {
            await _context.State.Cursors.SetAsync(_context.ConnectionId, PayoutsStream, at, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SaveStateAsync(StorePayout payout, Link? link, LinkState state, string message, string? fingerprint, CancellationToken cancellationToken)
    {
        if (link is { State: LinkState.Pending })
        {
            // A deposit may be in flight at QuickBooks under this link's requestid: it stays Pending, so the next run replays it.
            return;
        }

        link ??= await _context.State.Links.ReserveAsync(_context.ConnectionId, LinkKind.Payout, payout.SourceId, cancellationToken).ConfigureAwait(false);
        if (link.State == state && link.Message == message && link.Fingerprint == fingerprint)
        {
            return;
        }

        // A refused attempt's requestid would replay QuickBooks' refusal: whatever comes next is a new attempt.
        var attempt = link.State == LinkState.Failed && state != LinkState.Failed ? link.Attempt + 1 : link.Attempt;
        await _context.State.Links.SaveAsync(link with
        {
            State = state,
            Attempt = attempt,
            Message = message,
            Fingerprint = fingerprint,
            Reference = DepositComposer.Reference(payout),
            UpdatedAt = _context.Time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task RaiseAsync(Guid runId, string sourceId, string reference, SyncMessage message, CancellationToken cancellationToken) =>
        _context.RaiseAsync(runId, LinkKind.Payout, sourceId, reference, message.Text, message.Code is null ? null : message, cancellationToken);

    private Task ResolveAsync(string sourceId, CancellationToken cancellationToken) =>
        _context.State.Runs.ResolveAsync(_context.ConnectionId, LinkKind.Payout, sourceId, _context.Time.GetUtcNow(), cancellationToken);

    private static readonly JsonSerializerOptions FingerprintJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>A hash of the deposit as composed, to tell a deposit QuickBooks refused from one that changed since.</summary>
    private static string Fingerprint(QuickBooks.Deposits.Deposit deposit)
    {
        var json = JsonSerializer.Serialize(deposit, FingerprintJson);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)), 0, 16);
    }
}
