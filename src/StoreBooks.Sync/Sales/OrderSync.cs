using System.Collections.Concurrent;
using System.Globalization;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Invoices;
using StoreBooks.QuickBooks.Items;
using StoreBooks.QuickBooks.Payments;
using StoreBooks.QuickBooks.RefundReceipts;
using StoreBooks.QuickBooks.SalesReceipts;
using StoreBooks.Sync.Batching;
using StoreBooks.Sync.Products;

namespace StoreBooks.Sync.Sales;

/// <summary>
/// Moves orders into QuickBooks, a page at a time, dependencies first (items, then customers, then the document): a sales receipt
/// for a paid order, or an invoice with a payment applied, then one refund receipt per refund. Each write goes through its link,
/// so nothing is ever written twice. An order that cannot be posted gets one issue in the merchant's words and the others go on.
/// </summary>
public sealed class OrderSync
{
    private readonly SyncContext _context;
    private readonly LinkedWrite _writes;
    private readonly CustomerResolver _customers;
    private readonly PaymentRouting _payments;
    private readonly InvoicePayments _invoicePayments;
    private readonly SaleBuilder _builder;
    private readonly SaleDocuments _documents;
    private readonly ProductSync _products;

    private OrderSync(SyncContext context, LinkedWrite writes, SaleBuilder builder)
    {
        _context = context;
        _writes = writes;
        _customers = new CustomerResolver(context, writes);
        _payments = new PaymentRouting(context, writes);
        _invoicePayments = new InvoicePayments(context, writes, _payments);
        _builder = builder;
        _documents = new SaleDocuments(context, writes.Batches);
        _products = new ProductSync(context);
    }

    /// <summary>
    /// Orders posted at once (QuickBooks' own limit is 10 requests in flight per company; with batches, many more orders wait on a
    /// batch than requests are in flight).
    /// </summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>The run's batch requests, records sent in them and on their own, and batches sent again from the journal.</summary>
    public (int Batches, int BatchedItems, int Singles, int Replayed) BatchCounts => _writes.Batches.Counts;

    /// <summary>
    /// Send again what QuickBooks refused even when the store has not changed it (the merchant fixed something in QuickBooks or in
    /// the settings and asked for a retry). Otherwise a refused document that would be sent unchanged is not sent again.
    /// </summary>
    public bool RetryRefused
    {
        get => _documents.RetryRefused;
        set => _documents.RetryRefused = value;
    }

    /// <summary>
    /// The order sync of one run. Batches a crash or a lost reply left open are sent again first (as they were, under their
    /// requestids), so nothing is written before their records are settled.
    /// </summary>
    /// <param name="batching">New records go out in QuickBooks batch requests (mixed with single requests); off, one request each.</param>
    public static async Task<OrderSync> CreateAsync(SyncContext context, CancellationToken cancellationToken, bool batching = true)
    {
        var batches = new BatchWriter(context) { Enabled = batching };
        await batches.ReplayOpenAsync(cancellationToken).ConfigureAwait(false);
        var company = await context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var taxes = company.IsUs ? null : await TaxCodeMap.LoadAsync(context.Qbo, context.Settings.Sales, cancellationToken).ConfigureAwait(false);
        var writes = new LinkedWrite(context, batches);
        var choices = SaleLineChoices.For(context.Settings.Sales, company);
        return new OrderSync(context, writes, new SaleBuilder(new SpecialItems(context, writes), taxes, company.IsUs, choices));
    }

    /// <summary>Syncs one page of orders; returns each order's outcome (issues are raised and resolved on <paramref name="runId"/>).</summary>
    public async Task<IReadOnlyList<OrderOutcome>> SyncPageAsync(IReadOnlyList<StoreOrder> orders, Guid runId, CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentBag<OrderOutcome>();
        var ready = new List<StoreOrder>();
        var links = await _context.State.Links.FindManyAsync(_context.ConnectionId, LinkKind.Sale, orders.Select(o => o.SourceId).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var order in orders)
        {
            var triage = await TriageAsync(order, links.GetValueOrDefault(order.SourceId), runId, cancellationToken).ConfigureAwait(false);
            if (triage is null)
            {
                ready.Add(order);
            }
            else
            {
                outcomes.Add(triage);
            }
        }

        var items = await ResolveItemsAsync(ready, cancellationToken).ConfigureAwait(false);
        try
        {
            await _customers.PrefetchAsync(ready, cancellationToken).ConfigureAwait(false);
        }
        catch (QboException)
        {
            // The lookup is a shortcut: each order looks its buyer up again on its own, and defers when QuickBooks cannot answer.
        }

        await Parallel.ForEachAsync(ready, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken }, async (order, ct) =>
        {
            var outcome = await SyncOrderAsync(order, items, runId, ct).ConfigureAwait(false);
            outcomes.Add(outcome);
        }).ConfigureAwait(false);
        return outcomes.ToList();
    }

    /// <summary>An outcome for an order that is not to be posted (or cannot be), or null when it goes ahead.</summary>
    private async Task<OrderOutcome?> TriageAsync(StoreOrder order, Link? link, Guid runId, CancellationToken cancellationToken)
    {
        var posted = link is { State: LinkState.Done };
        var settings = _context.Settings;
        if (link is { State: LinkState.Dismissed })
        {
            return new OrderOutcome(order.SourceId, OrderResult.Skipped, link.Message ?? "dismissed");
        }

        if (!posted && settings.SyncStartDate is { } start && DateOnly.FromDateTime(order.CreatedAt.DateTime) < start)
        {
            var before = OrderMessages.BeforeStart.With(("date", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            return new OrderOutcome(order.SourceId, OrderResult.Skipped, before.Text) { Detail = before };
        }

        // A cancelled order is skipped when the store kept no money for it (voided, refunded, never captured); one whose money the
        // store kept (cancelled, not refunded) is income all the same and posts like any other.
        // A voided payment is as final: no money was taken, and nothing will come of the order unless the store revives it.
        var voided = order.FinancialStatus == FinancialStatus.Voided && !settings.Sales.Statuses.Contains(FinancialStatus.Voided);
        if (!posted && (order.IsTest || voided || (order.CancelledAt is not null && order.FinancialStatus is not (FinancialStatus.Paid or FinancialStatus.PartiallyPaid or FinancialStatus.PartiallyRefunded))))
        {
            var why = (order.IsTest ? OrderMessages.TestOrder : order.CancelledAt is not null ? OrderMessages.CancelledNothingKept : OrderMessages.Voided).With();
            await SaveStateAsync(order, link, LinkState.Skipped, why.Text, cancellationToken).ConfigureAwait(false);
            await ResolveAsync(order, cancellationToken).ConfigureAwait(false);
            return new OrderOutcome(order.SourceId, OrderResult.Skipped, why.Text) { Detail = why };
        }

        if (!posted && !settings.Sales.Statuses.Contains(order.FinancialStatus))
        {
            var why = NotDueReason(order.FinancialStatus);
            if (link?.State != LinkState.NotDue || link.Message != why.Text)
            {
                await SaveStateAsync(order, link, LinkState.NotDue, why.Text, cancellationToken).ConfigureAwait(false);
            }

            await ResolveAsync(order, cancellationToken).ConfigureAwait(false);
            return new OrderOutcome(order.SourceId, OrderResult.NotYet, why.Text) { Detail = why };
        }

        var problems = OrderCheck.ProblemMessages(order, settings.Products);
        if (problems.Count == 0 && await CurrencyProblemAsync(order, cancellationToken).ConfigureAwait(false) is { } currency)
        {
            problems = [currency];
        }

        return problems.Count > 0 ? await FailAsync(order, OrderResult.Failed, problems, runId, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Why an order whose status the connection does not sync waits, in the merchant's words.</summary>
    private static SyncMessage NotDueReason(FinancialStatus status) => status switch
    {
        FinancialStatus.Pending => OrderMessages.NotPaid.With(),
        FinancialStatus.Authorized => OrderMessages.NotCaptured.With(),
        FinancialStatus.PartiallyPaid => OrderMessages.PartlyPaid.With(),
        _ => OrderMessages.StatusNotSynced.With(("status", status.ToString())),
    };

    /// <summary>
    /// An order in a currency QuickBooks cannot take for this company: not an ISO 4217 code, or not the home currency of a company
    /// without multicurrency (QuickBooks would book its amounts as the home currency's).
    /// </summary>
    private async Task<SyncMessage?> CurrencyProblemAsync(StoreOrder order, CancellationToken cancellationToken)
    {
        var code = order.Currency?.Trim() ?? "";
        if (code.Length != 3 || !code.All(char.IsAsciiLetter))
        {
            return OrderMessages.CurrencyNotCode.With(("order", OrderCheck.ReferenceMessage(order)), ("currency", code));
        }

        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        if (!company.MultiCurrency && !string.Equals(code, company.HomeCurrency, StringComparison.OrdinalIgnoreCase))
        {
            return OrderMessages.CurrencyNotHome.With(("order", OrderCheck.ReferenceMessage(order)), ("currency", code.ToUpperInvariant()), ("home", company.HomeCurrency ?? ""));
        }

        return null;
    }

    private async Task<IReadOnlyDictionary<string, ItemPlanEntry>> ResolveItemsAsync(IReadOnlyList<StoreOrder> orders, CancellationToken cancellationToken)
    {
        var products = orders.SelectMany(o => o.Lines).Where(l => !l.IsGiftCard)
            .Select(ProductOf).DistinctBy(p => p.SourceId, StringComparer.Ordinal).ToList();
        if (products.Count == 0)
        {
            return new Dictionary<string, ItemPlanEntry>();
        }

        var result = await _products.PushAsync(products, cancellationToken).ConfigureAwait(false);
        return result.Entries.ToDictionary(e => e.Product.SourceId, StringComparer.Ordinal);
    }

    /// <summary>The product a line sells: its variant when the store names it, else its SKU, else its name.</summary>
    public static StoreProduct ProductOf(StoreOrderLine line) => new()
    {
        SourceId = line.ProductSourceId
            ?? (string.IsNullOrWhiteSpace(line.Sku) ? $"name:{line.Title}|{line.VariantTitle}" : $"sku:{line.Sku.Trim().ToUpperInvariant()}"),
        ProductId = line.ProductSourceId ?? line.Title,
        ProductTitle = line.Title,
        VariantTitle = line.VariantTitle,
        Sku = line.Sku,
        Price = line.UnitPrice,
    };

    private async Task<OrderOutcome> SyncOrderAsync(StoreOrder order, IReadOnlyDictionary<string, ItemPlanEntry> items, Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            var refs = new Dictionary<string, Ref>(StringComparer.Ordinal);
            var missing = new List<SyncMessage>();
            var warnings = new List<SyncMessage>();
            var waiting = true;
            var unanswered = false;
            foreach (var line in order.Lines.Where(l => !l.IsGiftCard))
            {
                var entry = items[ProductOf(line).SourceId];
                if (entry.HasItem)
                {
                    refs[line.SourceId] = Ref.To(entry.Item!.Id!, entry.Item.Name);
                    if (entry.Action == ItemAction.Created && line.ProductSourceId is null && string.IsNullOrWhiteSpace(line.Sku))
                    {
                        warnings.Add(WarningMessages.ItemCreated.With(("line", OrderCheck.LineReferenceMessage(order, line)), ("item", entry.Item.Name ?? "")));
                    }

                    continue;
                }

                var at = string.IsNullOrWhiteSpace(line.Origin) ? OrderMessages.Line.With(("position", line.Position)) : OrderMessages.LineFrom.With(("position", line.Position), ("origin", line.Origin));
                missing.Add(OrderMessages.LineProblem.With(("order", OrderCheck.ReferenceMessage(order)), ("line", at), ("problem", entry.Detail ?? SyncMessage.Untranslated(entry.Message ?? ""))));
                unanswered |= entry.CreationUnanswered;
                waiting &= entry.CreationUnanswered || entry.Action is ItemAction.Missing or ItemAction.Inactive or ItemAction.Ambiguous;
            }

            if (missing.Count > 0)
            {
                return unanswered && waiting
                    ? await DeferAsync(order, SyncMessage.Join(missing), cancellationToken).ConfigureAwait(false)
                    : await FailAsync(order, waiting ? OrderResult.Waiting : OrderResult.Failed, missing, runId, cancellationToken).ConfigureAwait(false);
            }

            return await PostAsync(order, refs, warnings, runId, cancellationToken).ConfigureAwait(false);
        }
        catch (QboException e) when (SaleDocuments.IsRefusal(e))
        {
            return await FailAsync(order, OrderResult.Failed, [OrderMessages.RecordRefused.With(("order", OrderCheck.ReferenceMessage(order)), ("detail", e.Message))], runId, cancellationToken).ConfigureAwait(false);
        }
        catch (QboException e)
        {
            var why = e.Kind == QboErrorKind.Throttled ? OrderMessages.Throttled : OrderMessages.Unreachable;
            return await DeferAsync(order, why.With(("order", OrderCheck.ReferenceMessage(order)), ("detail", e.Message)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An order QuickBooks could not take now (a customer, item or payment method it needs got no answer): its link is marked
    /// Waiting (a Pending one, a write in flight, stays so), so the next run retries it by id even once the cursor has moved
    /// past it. A posted order's link stays Done.
    /// </summary>
    private async Task<OrderOutcome> DeferAsync(StoreOrder order, SyncMessage message, CancellationToken cancellationToken)
    {
        var link = await _context.State.Links.FindAsync(_context.ConnectionId, LinkKind.Sale, order.SourceId, cancellationToken).ConfigureAwait(false);
        if (link is not { State: LinkState.Done })
        {
            await SaveStateAsync(order, link, LinkState.Waiting, message.Text, cancellationToken).ConfigureAwait(false);
        }

        return new OrderOutcome(order.SourceId, OrderResult.Deferred, message.Text) { Detail = message };
    }

    private async Task<OrderOutcome> PostAsync(StoreOrder order, Dictionary<string, Ref> items, List<SyncMessage> warnings, Guid runId, CancellationToken cancellationToken)
    {
        var reference = OrderCheck.Reference(order);
        var referenceMessage = OrderCheck.ReferenceMessage(order);
        warnings.InsertRange(0, order.Warnings.Select(w => w.StartsWith(reference, StringComparison.Ordinal)
            ? SyncMessage.Untranslated(w)
            : CommonMessages.About.With(("what", referenceMessage), ("problem", SyncMessage.Untranslated(w)))));
        var customer = await _customers.ResolveAsync(order, cancellationToken).ConfigureAwait(false);
        warnings.AddRange(customer.Warnings);
        var draft = await _builder.BuildSaleAsync(order, items, cancellationToken).ConfigureAwait(false);
        var (tenders, tenderProblems) = await _invoicePayments.TendersAsync(order, cancellationToken).ConfigureAwait(false);
        var problems = draft.ProblemMessages.Concat(tenderProblems.Select(p => CommonMessages.About.With(("what", referenceMessage), ("problem", p)))).ToList();
        var docNumber = DocNumber(order, _context.Settings.Sales.DocNumberPrefix, problems, referenceMessage);
        if (problems.Count > 0)
        {
            return await FailAsync(order, OrderResult.Failed, problems, runId, cancellationToken).ConfigureAwait(false);
        }

        // A sales receipt is money received, into one deposit account: an order not paid in full (pending, authorized, partly paid,
        // synced because the merchant chose to sync unpaid orders) is an invoice, paid as the store records the money; so is an order
        // paid through gateways that deposit into different accounts (one payment per gateway). A posted order keeps the kind of
        // document it was posted as, whatever the settings or its payments say since.
        var split = tenders.Select(t => t.Route.DepositAccount.Value).Distinct(StringComparer.Ordinal).Count() > 1;
        var unpaid = order.FinancialStatus is FinancialStatus.Pending or FinancialStatus.Authorized or FinancialStatus.PartiallyPaid;
        var postedAs = SaleDocuments.PostedAs(await _context.State.Links.FindAsync(_context.ConnectionId, LinkKind.Sale, order.SourceId, cancellationToken).ConfigureAwait(false));
        var invoice = postedAs is not null ? postedAs == _context.Qbo.Invoices.EntityName : _context.Settings.Sales.Document == SaleDocumentKind.Invoice || split || unpaid;
        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var what = (invoice ? DocumentMessages.Invoice : DocumentMessages.SalesReceipt).With();
        var note = PaidWith(order);
        DocumentWrite write;
        if (invoice)
        {
            var document = Fill(new Invoice(), order, customer.Ref, draft, docNumber, company.MultiCurrency, note, warnings);
            write = await _documents.WriteAsync(_context.Qbo.Invoices, LinkKind.Sale, order.SourceId, document, what, reference, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var route = tenders.Count > 0 ? tenders[0].Route : await RouteAsync(InvoicePayments.MainGateway(order), cancellationToken).ConfigureAwait(false);
            var document = Fill(new SalesReceipt(), order, customer.Ref, draft, docNumber, company.MultiCurrency, note, warnings) with
            {
                PaymentMethodRef = route.Method,
                DepositToAccountRef = route.DepositAccount,
            };
            write = await _documents.WriteAsync(_context.Qbo.SalesReceipts, LinkKind.Sale, order.SourceId, document, what, reference, cancellationToken).ConfigureAwait(false);
        }

        var after = new List<SyncMessage>();
        switch (write.Result)
        {
            case WriteResult.Refused when write.QboId is null:
                return await FailAsync(order, OrderResult.Failed, [await RefusalAsync(order, write, DocumentMessages.Sale, items, cancellationToken).ConfigureAwait(false)], runId, cancellationToken).ConfigureAwait(false);
            case WriteResult.Refused:
                // The document is in QuickBooks and only its update was refused (it was deposited): its payments and refunds still post.
                after.Add(await RefusalAsync(order, write, DocumentMessages.Sale, items, cancellationToken).ConfigureAwait(false));
                break;
            case WriteResult.Deferred:
                return await DeferAsync(order, CommonMessages.About.With(("what", referenceMessage), ("problem", write.Detail ?? SyncMessage.Untranslated(write.Message ?? ""))), cancellationToken).ConfigureAwait(false);
        }

        var paid = invoice && await _invoicePayments.PayAsync(order, customer.Ref, write.QboId!, cancellationToken).ConfigureAwait(false);
        var (refunds, refundProblems) = await PostRefundsAsync(order, customer.Ref, items, cancellationToken).ConfigureAwait(false);
        after.AddRange(refundProblems);
        await KeepWarningsAsync(order, warnings, cancellationToken).ConfigureAwait(false);
        if (after.Count > 0)
        {
            return await FailAsync(order, OrderResult.Failed, after, runId, cancellationToken).ConfigureAwait(false) with { RefundsPosted = refunds, PaymentPosted = paid, Warnings = [.. warnings.Select(w => w.Text)], WarningDetails = warnings };
        }

        await ResolveAsync(order, cancellationToken).ConfigureAwait(false);
        var result = write.Result switch
        {
            WriteResult.Created => OrderResult.Posted,
            WriteResult.Updated => OrderResult.Updated,
            WriteResult.Adopted => OrderResult.Adopted,
            _ => OrderResult.Unchanged,
        };
        return new OrderOutcome(order.SourceId, result) { RefundsPosted = refunds, PaymentPosted = paid, Warnings = [.. warnings.Select(w => w.Text)], WarningDetails = warnings };
    }

    /// <summary>Keeps the order's warnings on its link (what was changed to fit QuickBooks), written only when they change.</summary>
    private async Task KeepWarningsAsync(StoreOrder order, IReadOnlyList<SyncMessage> warnings, CancellationToken cancellationToken)
    {
        var link = await _context.State.Links.FindAsync(_context.ConnectionId, LinkKind.Sale, order.SourceId, cancellationToken).ConfigureAwait(false);
        var texts = warnings.Select(w => w.Text).ToList();
        if (link is { State: LinkState.Done } && (!link.Warnings.SequenceEqual(texts, StringComparer.Ordinal)
            || !link.WarningDetails.Select(d => d.Code).SequenceEqual(warnings.Select(w => w.Code), StringComparer.Ordinal)))
        {
            await _context.State.Links.SaveAsync(link with { Warnings = texts, WarningDetails = [.. warnings] }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PaymentRoute> RouteAsync(string gateway, CancellationToken cancellationToken) =>
        (await _payments.ForAsync(gateway, cancellationToken).ConfigureAwait(false)).Route!;

    /// <summary>"Paid: Stripe 60.00, Paypal 35.00, gift card 10.00" when more than one tender paid the order; else null.</summary>
    private static string? PaidWith(StoreOrder order)
    {
        var tenders = order.Payments.Where(p => p.Kind == StorePaymentKind.Received && p.Amount > 0)
            .GroupBy(p => p.IsGiftCard ? "gift card" : PaymentRouting.MethodName(p.Gateway), StringComparer.OrdinalIgnoreCase)
            .Select(g => (Name: g.Key, Amount: g.Sum(p => p.Amount)))
            .OrderByDescending(t => t.Amount).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return tenders.Count > 1 ? "Paid: " + string.Join(", ", tenders.Select(t => $"{t.Name} {t.Amount.ToString("0.00", CultureInfo.InvariantCulture)}")) + "." : null;
    }

    /// <summary>
    /// The merchant's message for a document QuickBooks refused: for 6270, which inventory item starts after the document's date
    /// and what to change; otherwise QuickBooks' own refusal.
    /// </summary>
    private async Task<SyncMessage> RefusalAsync(StoreOrder order, DocumentWrite write, MessageTemplate what, IReadOnlyDictionary<string, Ref> items, CancellationToken cancellationToken, DateTimeOffset? date = null)
    {
        var reference = OrderCheck.ReferenceMessage(order);
        if (write.Code != "6270")
        {
            return CommonMessages.About.With(("what", reference), ("problem", write.Detail ?? SyncMessage.Untranslated(write.Message ?? "")));
        }

        var day = DateOnly.FromDateTime((date ?? order.CreatedAt).DateTime);
        var catalog = await _context.ItemsAsync(cancellationToken).ConfigureAwait(false);
        var late = items.Values.Select(r => r.Value is { } id ? catalog.Get(id) : null).OfType<Item>()
            .Where(i => i.Type == ItemTypes.Inventory && i.InvStartDate is { } start && start > day)
            .DistinctBy(i => i.Id).ToList();
        var when = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (late.Count == 0)
        {
            return DocumentMessages.InventoryStartsLater.With(("order", reference), ("what", what.With()), ("date", when), ("detail", write.Detail ?? SyncMessage.Untranslated(write.Message ?? "")));
        }

        SyncMessage Describe(Item i) => string.IsNullOrWhiteSpace(i.Sku) ? DocumentMessages.ItemName.With(("name", i.Name ?? "")) : DocumentMessages.ItemNameSku.With(("name", i.Name ?? ""), ("sku", i.Sku));
        string Start(Item i) => i.InvStartDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return late.Count == 1
            ? DocumentMessages.InventoryItemStartsLater.With(("order", reference), ("what", what.With()), ("date", when), ("item", Describe(late[0])), ("start", Start(late[0])))
            : DocumentMessages.InventoryItemsStartLater.With(("order", reference), ("what", what.With()), ("date", when),
                ("items", MessageArg.List(late.Select(i => (MessageArg)DocumentMessages.ItemStart.With(("item", Describe(i)), ("start", Start(i)))), ", ")));
    }

    private async Task<(int Posted, List<SyncMessage> Problems)> PostRefundsAsync(StoreOrder order, Ref customer, Dictionary<string, Ref> items, CancellationToken cancellationToken)
    {
        var problems = new List<SyncMessage>();
        if (!_context.Settings.Sales.SyncRefunds || order.Refunds.Count == 0)
        {
            return (0, problems);
        }

        var catalog = await _context.ItemsAsync(cancellationToken).ConfigureAwait(false);
        var company = await _context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var posted = 0;
        var index = 0;
        foreach (var refund in order.Refunds.OrderBy(r => r.CreatedAt))
        {
            index++;
            var draft = await _builder.BuildRefundAsync(order, refund, items, id => catalog.Get(id)?.Type == ItemTypes.Inventory, cancellationToken).ConfigureAwait(false);
            var gateway = refund.Payments.FirstOrDefault()?.Gateway ?? InvoicePayments.MainGateway(order);
            var (route, routeProblem) = await _payments.ForAsync(gateway, cancellationToken).ConfigureAwait(false);
            if (draft.Problems.Count > 0 || route is null)
            {
                problems.AddRange(draft.ProblemMessages);
                if (routeProblem is not null)
                {
                    problems.Add(OrderMessages.RefundProblem.With(("order", OrderCheck.ReferenceMessage(order)), ("refund", refund.SourceId), ("problem", routeProblem)));
                }

                continue;
            }

            var number = $"{_context.Settings.Sales.RefundDocNumberPrefix}{order.Number.TrimStart('#')}-{index}";
            var document = new RefundReceipt
            {
                CustomerRef = customer,
                TxnDate = DateOnly.FromDateTime(refund.CreatedAt.DateTime),
                DocNumber = _context.Settings.Sales.UseOrderNumbers && number.Length <= 21 ? number : null,
                Line = draft.Lines,
                TxnTaxDetail = draft.TaxDetail,
                GlobalTaxCalculation = draft.TaxDetail is null ? null : order.TaxesIncluded ? "TaxInclusive" : "TaxExcluded",
                DepositToAccountRef = route.DepositAccount,
                PaymentMethodRef = route.Method,
                CurrencyRef = company.MultiCurrency ? Ref.To(order.Currency.ToUpperInvariant()) : null,
                PrivateNote = Note(SaleDocuments.Marker("refund", refund.SourceId), refund.Note, null),
            };
            var write = await _documents.WriteAsync(_context.Qbo.RefundReceipts, LinkKind.Refund, RefundKey(order, refund), document, DocumentMessages.RefundReceipt.With(("refund", refund.SourceId)),
                $"{OrderCheck.Reference(order)}, refund {index}", cancellationToken).ConfigureAwait(false);
            switch (write.Result)
            {
                case WriteResult.Created or WriteResult.Updated:
                    posted++;
                    break;
                case WriteResult.Refused:
                    problems.Add(await RefusalAsync(order, write, DocumentMessages.Refund, items, cancellationToken, refund.CreatedAt).ConfigureAwait(false));
                    break;
                case WriteResult.Deferred:
                    throw new QboSystemException($"refund {refund.SourceId}", null, null, null);
            }
        }

        return (posted, problems);
    }

    /// <summary>A refund's link key: its order's id, a slash, its own id (so a refund left in flight leads back to its order).</summary>
    public static string RefundKey(StoreOrder order, StoreRefund refund) => $"{order.SourceId}/{refund.SourceId}";

    private T Fill<T>(T document, StoreOrder order, Ref customer, SaleDraft draft, string? docNumber, bool multiCurrency, string? paidWith, List<SyncMessage> warnings)
        where T : SalesTransaction
    {
        var marker = SaleDocuments.Marker($"{_context.Connection.SourceKind} order", order.SourceId);
        var email = order.Customer?.Email?.Trim();
        if (!string.IsNullOrEmpty(email) && !EmailAddresses.IsValid(email))
        {
            warnings.Add(WarningMessages.BuyerEmail.With(("order", OrderCheck.ReferenceMessage(order)), ("email", email)));
            email = null;
        }

        return document with
        {
            CustomerRef = customer,
            TxnDate = DateOnly.FromDateTime(order.CreatedAt.DateTime),
            DocNumber = docNumber,
            Line = draft.Lines,
            TxnTaxDetail = draft.TaxDetail,
            GlobalTaxCalculation = draft.TaxDetail is null ? null : order.TaxesIncluded ? "TaxInclusive" : "TaxExcluded",
            BillAddr = Addresses.From(order.BillingAddress),
            ShipAddr = Addresses.From(order.ShippingAddress),
            BillEmail = string.IsNullOrEmpty(email) ? null : EmailAddress.Of(email),
            CustomerMemo = order.DiscountCodes.Count == 0 ? null : new MemoRef { Value = Cut($"Discount codes: {string.Join(", ", order.DiscountCodes)}", 1000) },
            CurrencyRef = multiCurrency ? Ref.To(order.Currency.ToUpperInvariant()) : null,
            PrivateNote = Note(paidWith is null ? marker : $"{marker} {paidWith}", order.Note,
                length => warnings.Add(WarningMessages.NoteCut.With(("order", OrderCheck.ReferenceMessage(order)), ("length", length), ("max", MaxPrivateNote)))),
        };
    }

    private string? DocNumber(StoreOrder order, string prefix, List<SyncMessage> problems, SyncMessage reference)
    {
        if (!_context.Settings.Sales.UseOrderNumbers)
        {
            return null;
        }

        var number = prefix + order.Number.TrimStart('#');
        if (number.Length > 21)
        {
            problems.Add(DocumentMessages.NumberTooLong.With(("order", reference), ("number", number), ("length", number.Length)));
            return null;
        }

        return number;
    }

    /// <summary>
    /// The document's private note (its memo in QuickBooks): StoreBooks' marker, then the store's note. A note longer than QuickBooks'
    /// 4000 characters is cut, and the memo says so: the whole note stays in the store.
    /// </summary>
    private static string Note(string marker, string? note, Action<int>? cut)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return Cut(marker, MaxPrivateNote);
        }

        var text = $"{marker} {note.Trim()}";
        if (text.Length <= MaxPrivateNote)
        {
            return text;
        }

        cut?.Invoke(note.Trim().Length);
        var said = $" … [note cut to fit QuickBooks; the store has all {note.Trim().Length} characters]";
        return text[..(MaxPrivateNote - said.Length)].TrimEnd() + said;
    }

    private const int MaxPrivateNote = 4000;

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private async Task<OrderOutcome> FailAsync(StoreOrder order, OrderResult result, IReadOnlyList<SyncMessage> problems, Guid runId, CancellationToken cancellationToken)
    {
        var detail = SyncMessage.Join(problems);
        var message = detail.Text;
        var link = await _context.State.Links.FindAsync(_context.ConnectionId, LinkKind.Sale, order.SourceId, cancellationToken).ConfigureAwait(false);
        if (link is not { State: LinkState.Done })
        {
            await SaveStateAsync(order, link, result == OrderResult.Waiting ? LinkState.Waiting : LinkState.Failed, message, cancellationToken).ConfigureAwait(false);
        }

        await _context.RaiseAsync(runId, LinkKind.Sale, order.SourceId, OrderCheck.Reference(order), message, detail, cancellationToken).ConfigureAwait(false);
        return new OrderOutcome(order.SourceId, result, message) { Detail = detail };
    }

    private async Task SaveStateAsync(StoreOrder order, Link? link, LinkState state, string message, CancellationToken cancellationToken)
    {
        if (link is { State: LinkState.Pending })
        {
            // A write may be in flight at QuickBooks under this link's requestid: keep it Pending so a rerun replays it.
            return;
        }

        link ??= await _context.State.Links.ReserveAsync(_context.ConnectionId, LinkKind.Sale, order.SourceId, cancellationToken).ConfigureAwait(false);
        // A failed attempt's requestid would replay QuickBooks' refusal: whatever comes next is a new attempt.
        var attempt = link.State == LinkState.Failed && state != LinkState.Failed ? link.Attempt + 1 : link.Attempt;
        await _context.State.Links.SaveAsync(link with { State = state, Attempt = attempt, Message = message, Reference = OrderCheck.Reference(order), UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
    }

    private Task ResolveAsync(StoreOrder order, CancellationToken cancellationToken) =>
        _context.State.Runs.ResolveAsync(_context.ConnectionId, LinkKind.Sale, order.SourceId, _context.Time.GetUtcNow(), cancellationToken);
}
