using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Arithmetic;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Entities.Lists;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;
using StoreBooks.Emulators.Qbo.Api.Writes.Effects;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Transactions;

/// <summary>
/// SalesReceipt, Invoice, RefundReceipt, CreditMemo and Estimate: required fields (rule 20), DocNumber (28, 29),
/// currency (30), deposited receipts (31), tax (25-27), the arithmetic, inventory dates (14) and the defaults QBO fills.
/// </summary>
internal sealed class SalesFormRules(SalesFormProfile profile) : EntityRules
{
    private const int MaxTaxableLines = 750;

    public override IReadOnlyList<string> KeptOnFullUpdate => ["DocNumber"];

    public override IEnumerable<string> UniqueKeys(JsonObject json) =>
        json.Str("DocNumber") is { Length: > 0 } doc ? [DocKey(doc)] : [];

    private string DocKey(string docNumber) => "DocNumber|" + profile.Name + "|" + docNumber.Trim();

    public override void CheckUnique(WriteContext ctx, JsonObject candidate, string? id)
    {
        if (!ctx.Prefs.CustomTxnNumbers || ctx.AllowDuplicateDocNumber || candidate.Str("DocNumber") is not { Length: > 0 } doc)
        {
            return;
        }

        if (ctx.Store.Holder(DocKey(doc), id is null ? null : (profile.Name, id)) is { } holder)
        {
            throw Fault.DuplicateDocNumber(doc, profile.Name, holder.Id);
        }
    }

    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        if (existing is not null && Links.Has(existing, "Deposit"))
        {
            throw Fault.DepositedTransaction();
        }

        if (!draft.Arr("Line").Objects().Any(l => l.Str("DetailType") != "SubTotalLineDetail"))
        {
            throw Fault.RequiredParam("Line");
        }

        if (profile.CustomerRequired && draft.Obj("CustomerRef") is null)
        {
            throw Fault.RequiredParam("CustomerRef");
        }

        var customer = ctx.Refs.Resolve(draft, "CustomerRef", "Customer", "Names");
        if (profile.DepositAccountRequired && draft.Obj("DepositToAccountRef") is null)
        {
            throw Fault.RequiredParam("DepositToAccountRef");
        }

        if (draft.Str("DocNumber") is { } doc && doc.Length > 21)
        {
            throw Fault.StringLength("DocNumber", 0, 21, doc.Length);
        }

        if (draft.Str("PrivateNote") is { Length: > 4000 } note)
        {
            throw Fault.StringLength("PrivateNote", 0, 4000, note.Length);
        }

        var txnDate = draft.Str("TxnDate") ?? QboTime.Date(ctx.Company.Today);
        draft["TxnDate"] = txnDate;
        var exchangeRate = TransactionCurrency.Apply(ctx, draft, customer);

        var mode = SalesTax.Mode(ctx, draft);
        var clientTax = draft.Obj("TxnTaxDetail");
        if (mode == TaxMode.NotApplicable && clientTax is not null &&
            ((clientTax.Dec("TotalTax") ?? 0) != 0 || clientTax.Arr("TaxLine") is { Count: > 0 } || clientTax.Obj("TxnTaxCodeRef") is not null))
        {
            throw Fault.InvalidTxnTaxDetail();
        }

        var lines = SalesLines.Read(ctx, draft.Arr("Line")!, existing, mode);
        var (rates, usCode, manualTax) = SalesTax.Source(ctx, mode, clientTax, customer);
        var applyAfter = draft.Bool("ApplyTaxAfterDiscount") ?? false;
        var totals = SalesTotals.Compute(lines.Priced, lines.Discounts, mode, rates, applyAfter, manualTax, SalesTax.Overrides(clientTax));

        var taxable = lines.Priced.Any(p => p.TaxCode is not null and not "NON");
        if (taxable && lines.Body.Count + lines.Discounts.Count + lines.Shipping.Count > MaxTaxableLines)
        {
            // [U] QBO documents the limit, not the fault; answered as a business validation error.
            throw Fault.Business($"A transaction with sales tax can have at most {MaxTaxableLines} lines.", "Line");
        }

        if (profile.StockDirection != 0)
        {
            CheckInventoryDates(ctx, lines.Priced, txnDate);
        }

        draft["Line"] = lines.Output(totals.SubTotal);
        if (mode == TaxMode.NotApplicable)
        {
            draft.Remove("TxnTaxDetail");
        }
        else
        {
            draft["TxnTaxDetail"] = SalesTax.TaxDetail(totals, usCode);
        }

        var total = Money.Round(totals.TotalAmt);
        draft["TotalAmt"] = Money.Node(total);
        if (exchangeRate is { } rate)
        {
            draft["HomeTotalAmt"] = Money.CentsNode(total * rate);
        }
        else
        {
            draft.Remove("HomeTotalAmt");
        }

        draft["ApplyTaxAfterDiscount"] = applyAfter;
        draft["PrintStatus"] ??= "NeedToPrint";
        if (profile.HasEmailStatus)
        {
            draft["EmailStatus"] ??= "NotSet";
        }

        SalesFormFill.Addresses(ctx, draft, existing, customer);
        SalesFormFill.CustomFields(ctx, draft);
        LinkedTransactions(draft, existing);
        ctx.Refs.Resolve(draft, "PaymentMethodRef", "PaymentMethod", "PaymentMethods");
        ctx.Refs.Unheld(draft, "ClassRef", "Klasses");
        ctx.Refs.Unheld(draft, "DepartmentRef", "Depts");
        ctx.Refs.Unheld(draft, "SalesTermRef", "Terms");
        Balance(draft, existing, total, exchangeRate);
        SalesFormFill.ProfileDefaults(profile, ctx, draft, txnDate);
        return draft;
    }

    public override void BeforeDelete(WriteContext ctx, JsonObject existing)
    {
        if (Links.Has(existing, "Deposit"))
        {
            throw Fault.DepositedTransaction();
        }

        CheckNothingApplied(existing, "deleted");
    }

    public override JsonObject Void(WriteContext ctx, JsonObject existing)
    {
        if (Links.Has(existing, "Deposit"))
        {
            throw Fault.DepositedTransaction();
        }

        CheckNothingApplied(existing, "voided");
        foreach (var line in existing.Arr("Line").Objects())
        {
            ZeroLine(line);
            foreach (var component in line.Obj("GroupLineDetail")?.Arr("Line").Objects() ?? [])
            {
                ZeroLine(component);
            }
        }

        existing["TxnTaxDetail"] = new JsonObject { ["TotalTax"] = Money.Node(0) };
        existing["TotalAmt"] = Money.Node(0);
        foreach (var field in new[] { "HomeTotalAmt", "Balance", "HomeBalance", "RemainingCredit" })
        {
            if (existing.ContainsKey(field))
            {
                existing[field] = Money.Node(0);
            }
        }

        existing["PrivateNote"] = Voided(existing.Str("PrivateNote"));
        return existing;
    }

    public override void CompleteAtCommit(CommitContext ctx, JsonObject after, JsonObject? before)
    {
        if (before is null && after.Str("DocNumber") is null && !ctx.Company.Prefs.CustomTxnNumbers)
        {
            after["DocNumber"] = (ctx.Company.NextDocNumber++).ToString(CultureInfo.InvariantCulture);
            ReorderDocNumber(after);
        }
    }

    public override void OnCommit(CommitContext ctx, JsonObject? before, JsonObject? after)
    {
        Stock.Apply(ctx, profile.StockDirection, before, after);
        CustomerBalances.Apply(ctx, profile.Name, before, after);
        if (profile.Name == "Invoice")
        {
            var id = (after ?? before)!.Str("Id")!;
            var was = EstimateLinks(before);
            var now = EstimateLinks(after);
            foreach (var estimate in now.Except(was))
            {
                Links.Add(ctx, "Estimate", estimate, id, "Invoice");
                SetEstimateStatus(ctx, estimate);
            }

            foreach (var estimate in was.Except(now))
            {
                Links.Remove(ctx, "Estimate", estimate, id, "Invoice", dropEmptyArray: true);
                SetEstimateStatus(ctx, estimate);
            }
        }
    }

    /// <summary>Voided: "Voided" leads the PrivateNote (an existing note follows it [U]).</summary>
    public static string Voided(string? note) =>
        string.IsNullOrEmpty(note) ? "Voided" : note.StartsWith("Voided", StringComparison.Ordinal) ? note : "Voided - " + note;

    private static void ZeroLine(JsonObject line)
    {
        if (line.ContainsKey("Amount"))
        {
            line["Amount"] = Money.Node(0);
        }

        if (line.Obj("SalesItemLineDetail") is { } detail)
        {
            if (detail.ContainsKey("Qty"))
            {
                detail["Qty"] = Money.Node(0);
            }

            detail.Remove("UnitPrice");
            detail.Remove("TaxInclusiveAmt");
        }
    }

    private void CheckNothingApplied(JsonObject existing, string what)
    {
        if (profile.Balance is BalanceKind.Open or BalanceKind.Credit && Links.Has(existing, "Payment"))
        {
            // [U] QBO's wording is not recorded; payments must be removed first.
            throw Fault.Business($"This {profile.Name} has payments applied to it, so it cannot be {what}. Delete or change those payments first.");
        }
    }

    private static void CheckInventoryDates(WriteContext ctx, IEnumerable<PricedLine> priced, string txnDate)
    {
        if (!QboTime.TryParseDate(txnDate, out var date))
        {
            return;
        }

        foreach (var line in priced.Where(p => !p.IsShipping))
        {
            var item = ctx.Store.Get("Item", line.Detail.RefValue("ItemRef") ?? "")?.Json;
            if (item is not null && item.Str("Type") == ItemRules.Inventory && item.Bool("TrackQtyOnHand") == true &&
                QboTime.TryParseDate(item.Str("InvStartDate"), out var start) && date < start)
            {
                throw Fault.InventoryDatedBeforeStart(item.Str("Name") ?? "", txnDate, QboTime.Date(start));
            }
        }
    }

    /// <summary>The client's links (an invoice linking its estimate) plus the links QBO maintains, which an update keeps.</summary>
    private void LinkedTransactions(JsonObject draft, JsonObject? existing)
    {
        var links = new JsonArray();
        foreach (var link in draft.Arr("LinkedTxn").Objects())
        {
            if (!Links.SystemTypes.Contains(link.Str("TxnType")) || profile.Name == "Estimate")
            {
                links.Add(link.DeepClone());
            }
        }

        foreach (var link in existing?.Arr("LinkedTxn").Objects() ?? [])
        {
            if (Links.SystemTypes.Contains(link.Str("TxnType")) && !links.Objects().Any(l => JsonSemantics.Equal(l, link)))
            {
                links.Add(link.DeepClone());
            }
        }

        if (links.Count > 0 || profile.Name == "Invoice")
        {
            draft["LinkedTxn"] = links;
        }
        else
        {
            draft.Remove("LinkedTxn");
        }
    }

    private void Balance(JsonObject draft, JsonObject? existing, decimal total, decimal? exchangeRate)
    {
        switch (profile.Balance)
        {
            case BalanceKind.None:
                draft.Remove("Balance");
                return;
            case BalanceKind.Zero:
                draft["Balance"] = Money.Node(0);
                return;
        }

        var applied = existing is null ? 0 : (existing.Dec("TotalAmt") ?? 0) - (existing.Dec("Balance") ?? 0);
        var balance = total - applied;
        if (balance < 0)
        {
            throw Fault.Business(
                $"The new total ({Money.Normalize(total)}) is less than the {Money.Normalize(applied)} already applied by payments; remove or reduce those payments first.", "TotalAmt");
        }

        draft["Balance"] = Money.Node(balance);
        if (profile.Balance == BalanceKind.Credit)
        {
            draft["RemainingCredit"] = Money.Node(balance);
        }
        else if (exchangeRate is { } rate)
        {
            draft["HomeBalance"] = Money.CentsNode(balance * rate);
        }
    }

    private static HashSet<string> EstimateLinks(JsonObject? invoice) =>
        new(invoice?.Arr("LinkedTxn").Objects().Where(l => l.Str("TxnType") == "Estimate").Select(l => l.Str("TxnId")!).Where(id => id is not null) ?? [],
            StringComparer.Ordinal);

    private static void SetEstimateStatus(CommitContext ctx, string estimateId)
    {
        if (ctx.Store.Get("Estimate", estimateId) is { } record)
        {
            record.Json["TxnStatus"] = Links.Has(record.Json, "Invoice") ? "Closed" : "Pending";
        }
    }

    private static void ReorderDocNumber(JsonObject after)
    {
        var entries = after.ToList();
        after.Clear();
        foreach (var (key, value) in entries)
        {
            if (key == "DocNumber")
            {
                continue;
            }

            if (key == "TxnDate")
            {
                after["DocNumber"] = entries.First(e => e.Key == "DocNumber").Value;
            }

            after[key] = value;
        }

        if (!after.ContainsKey("DocNumber"))
        {
            after["DocNumber"] = entries.First(e => e.Key == "DocNumber").Value;
        }
    }
}
