using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;
using StoreBooks.Emulators.Qbo.Api.Writes.Effects;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Transactions;

/// <summary>
/// Payment: TotalAmt and CustomerRef required (rule 20); lines apply amounts to the customer's invoices and credit memos
/// (LinkedTxn both ways, invoice Balance reduced, LineEx with the open balance QBO reports); the rest is UnappliedAmt.
/// Deposited payments cannot change (31). Voiding zeroes the payment and releases the invoices.
/// </summary>
internal sealed class PaymentRules : EntityRules
{
    private static readonly string[] LinkTypes = ["Invoice", "CreditMemo"];

    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        if (existing is not null && Links.Has(existing, "Deposit"))
        {
            throw Fault.DepositedTransaction();
        }

        if (draft.Obj("CustomerRef") is null)
        {
            throw Fault.RequiredParam("CustomerRef");
        }

        var total = draft.Dec("TotalAmt") ?? throw Fault.RequiredParam("TotalAmt");
        if (total < 0)
        {
            throw Fault.Business("A payment's TotalAmt cannot be negative.", "TotalAmt");
        }

        total = Money.Round(total);
        var customer = ctx.Refs.Customer(draft, "CustomerRef");
        draft["TxnDate"] ??= QboTime.Date(ctx.Company.Today);
        var exchangeRate = TransactionCurrency.Apply(ctx, draft, customer);

        var previous = Applied(existing);
        var lines = new JsonArray();
        var applied = 0m;
        foreach (var line in draft.Arr("Line").Objects())
        {
            var amount = Money.Round(line.Dec("Amount") ?? throw Fault.RequiredParam("Amount", "Required parameter Line.Amount is missing in the request"));
            var links = line.Arr("LinkedTxn").Objects().ToList();
            if (links.Count == 0)
            {
                throw Fault.RequiredParam("LinkedTxn", "Required parameter Line.LinkedTxn is missing in the request");
            }

            var link = links[0];
            var type = link.Str("TxnType") ?? throw Fault.RequiredParam("TxnType", "Required parameter LinkedTxn.TxnType is missing in the request");
            var id = link.Str("TxnId") ?? throw Fault.RequiredParam("TxnId", "Required parameter LinkedTxn.TxnId is missing in the request");
            if (!LinkTypes.Contains(type))
            {
                throw Fault.InvalidEnumeration("TxnType", type, LinkTypes);
            }

            var target = ctx.Store.Get(type, id)?.Json
                ?? throw Fault.Business($"The entity {type} {id} that you are trying to link does not exist. {type} {id}");
            if (target.RefValue("CustomerRef") != customer.Str("Id"))
            {
                throw Fault.Business($"{type} {id} belongs to another customer; a payment can only be applied to its own customer's transactions.", "LinkedTxn");
            }

            var open = (target.Dec("Balance") ?? 0) + previous.GetValueOrDefault((type, id));
            if (amount > open)
            {
                // [U] QBO refuses over-application; the exact wording is not recorded.
                throw Fault.Business(
                    $"The amount applied to {type} {id} ({Money.Normalize(amount)}) is more than its open balance ({Money.Normalize(open)}).", "Amount");
            }

            applied += type == "Invoice" ? amount : -amount;
            lines.Add(new JsonObject
            {
                ["Amount"] = Money.Node(amount),
                ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = id, ["TxnType"] = type }),
                ["LineEx"] = LineEx(id, open, target.Str("DocNumber")),
            });
        }

        var unapplied = total - applied;
        if (unapplied < 0)
        {
            throw Fault.Business(
                $"The payment applies {Money.Normalize(applied)} but its TotalAmt is {Money.Normalize(total)}; TotalAmt must cover the amounts applied.", "TotalAmt");
        }

        draft["Line"] = lines;
        draft["TotalAmt"] = Money.Node(total);
        draft["UnappliedAmt"] = Money.Node(unapplied);
        if (exchangeRate is { } rate)
        {
            draft["HomeTotalAmt"] = Money.CentsNode(total * rate);
        }
        else
        {
            draft.Remove("HomeTotalAmt");
        }

        draft["ProcessPayment"] ??= false;
        // Intuit's payment examples echo PaymentMethodRef and DepositToAccountRef as sent ({"value":"4"}), without names.
        ctx.Refs.Resolve(draft, "PaymentMethodRef", "PaymentMethod", "PaymentMethods", fillName: false);
        SalesFormFill.DepositAccount(ctx, draft, withName: false);
        var kept = existing?.Arr("LinkedTxn").Objects().Where(l => Links.SystemTypes.Contains(l.Str("TxnType"))).ToList() ?? [];
        if (kept.Count > 0)
        {
            draft["LinkedTxn"] = new JsonArray([.. kept.Select(l => l.DeepClone())]);
        }
        else
        {
            draft.Remove("LinkedTxn");
        }

        return draft;
    }

    public override void BeforeDelete(WriteContext ctx, JsonObject existing)
    {
        if (Links.Has(existing, "Deposit"))
        {
            throw Fault.DepositedTransaction();
        }
    }

    public override JsonObject Void(WriteContext ctx, JsonObject existing)
    {
        if (Links.Has(existing, "Deposit"))
        {
            throw Fault.DepositedTransaction();
        }

        existing["Line"] = new JsonArray();
        existing["TotalAmt"] = Money.Node(0);
        existing["UnappliedAmt"] = Money.Node(0);
        if (existing.ContainsKey("HomeTotalAmt"))
        {
            existing["HomeTotalAmt"] = Money.Node(0);
        }

        existing["PrivateNote"] = SalesFormRules.Voided(existing.Str("PrivateNote"));
        return existing;
    }

    public override void OnCommit(CommitContext ctx, JsonObject? before, JsonObject? after)
    {
        var paymentId = (after ?? before)!.Str("Id")!;
        var was = Applied(before);
        var now = Applied(after);
        foreach (var key in was.Keys.Union(now.Keys))
        {
            var delta = now.GetValueOrDefault(key) - was.GetValueOrDefault(key);
            var (type, id) = key;
            if (ctx.Store.Get(type, id) is not { } record)
            {
                continue;
            }

            var target = record.Json;
            if (delta != 0)
            {
                var balance = (target.Dec("Balance") ?? 0) - delta;
                target["Balance"] = Money.Node(balance);
                if (type == "CreditMemo")
                {
                    target["RemainingCredit"] = Money.Node(balance);
                }
                else if (target.ContainsKey("HomeBalance"))
                {
                    target["HomeBalance"] = Money.CentsNode(balance * (target.Dec("ExchangeRate") ?? 1));
                }

                CustomerBalances.Adjust(ctx, target.RefValue("CustomerRef"), type == "Invoice" ? -delta : delta);
            }

            if (now.ContainsKey(key))
            {
                Links.Add(ctx, type, id, paymentId, "Payment");
            }
            else
            {
                Links.Remove(ctx, type, id, paymentId, "Payment", dropEmptyArray: type != "Invoice");
            }
        }

        CustomerBalances.Apply(ctx, "Payment", before, after);
    }

    /// <summary>What a payment applies, per (TxnType, TxnId).</summary>
    private static Dictionary<(string Type, string Id), decimal> Applied(JsonObject? payment)
    {
        var applied = new Dictionary<(string, string), decimal>();
        foreach (var type in LinkTypes)
        {
            foreach (var (id, amount) in Links.FromLines(payment, type))
            {
                applied[(type, id)] = applied.GetValueOrDefault((type, id)) + amount;
            }
        }

        return applied;
    }

    /// <summary>QBO's JAXB rendering of the line's NameValue pairs: txnId, txnOpenBalance, txnReferenceNumber.</summary>
    private static JsonObject LineEx(string txnId, decimal openBalance, string? docNumber)
    {
        var any = new JsonArray
        {
            NameValue("txnId", txnId),
            NameValue("txnOpenBalance", Money.Round(openBalance).ToString("0.00", CultureInfo.InvariantCulture)),
        };
        if (docNumber is not null)
        {
            any.Add(NameValue("txnReferenceNumber", docNumber));
        }

        return new JsonObject { ["any"] = any };
    }

    private static JsonObject NameValue(string name, string value) => new()
    {
        ["name"] = "{http://schema.intuit.com/finance/v3}NameValue",
        ["nil"] = false,
        ["value"] = new JsonObject { ["Name"] = name, ["Value"] = value },
        ["declaredType"] = "com.intuit.schema.finance.v3.NameValue",
        ["scope"] = "javax.xml.bind.JAXBElement$GlobalScope",
        ["globalScope"] = true,
        ["typeSubstituted"] = false,
    };
}
