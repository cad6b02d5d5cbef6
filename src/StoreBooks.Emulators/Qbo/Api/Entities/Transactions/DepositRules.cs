using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;
using StoreBooks.Emulators.Qbo.Api.Writes.Effects;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Transactions;

/// <summary>
/// Deposit: DepositToAccountRef (Bank or Other Current Asset) and at least one line (rule 20). A line either moves a
/// payment or receipt out of Undeposited Funds (LinkedTxn; the linked transaction then shows the deposit and cannot
/// change: 6540) or records money from an account (DepositLineDetail). TotalAmt is the sum of the lines.
/// </summary>
internal sealed class DepositRules : EntityRules
{
    private static readonly string[] Linkable = ["Payment", "SalesReceipt", "RefundReceipt"];

    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        if (draft.Obj("DepositToAccountRef") is null)
        {
            throw Fault.RequiredParam("DepositToAccountRef");
        }

        SalesFormFill.DepositAccount(ctx, draft, withName: true);
        if (draft.RefValue("DepositToAccountRef") is { } target && ctx.Store.Get("Account", target)?.Json.Str("AccountSubType") == "UndepositedFunds")
        {
            throw Fault.InvalidAccountType(ctx.Options.AccountTypeFaultCode, "DepositToAccountRef");
        }

        var sent = draft.Arr("Line").Objects().ToList();
        if (sent.Count == 0)
        {
            throw Fault.RequiredParam("Line");
        }

        var mine = new HashSet<(string, string)>(Deposited(existing));
        var lines = new JsonArray();
        var total = 0m;
        var lineId = 1;
        foreach (var line in sent)
        {
            var amount = Money.Round(line.Dec("Amount") ?? throw Fault.RequiredParam("Amount", "Required parameter Line.Amount is missing in the request"));
            var output = new JsonObject();
            if (line.Arr("LinkedTxn").Objects().FirstOrDefault() is { } link)
            {
                var type = link.Str("TxnType") ?? throw Fault.RequiredParam("TxnType", "Required parameter LinkedTxn.TxnType is missing in the request");
                var id = link.Str("TxnId") ?? throw Fault.RequiredParam("TxnId", "Required parameter LinkedTxn.TxnId is missing in the request");
                if (!Linkable.Contains(type))
                {
                    throw Fault.InvalidEnumeration("TxnType", type, Linkable);
                }

                var linked = ctx.Store.Get(type, id)?.Json
                    ?? throw Fault.Business($"The entity {type} {id} that you are trying to link does not exist. {type} {id}");
                if (Links.Has(linked, "Deposit") && !mine.Contains((type, id)))
                {
                    throw Fault.Business($"{type} {id} is already on another deposit.", "LinkedTxn");
                }

                if (ctx.Store.Get("Account", linked.RefValue("DepositToAccountRef") ?? "")?.Json.Str("AccountSubType") != "UndepositedFunds")
                {
                    throw Fault.Business($"{type} {id} was not put in Undeposited Funds, so it cannot be deposited.", "LinkedTxn");
                }

                output["Id"] = lineId++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                output["LineNum"] = lineId - 1;
                output["Amount"] = Money.Node(amount);
                output["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = id, ["TxnType"] = type, ["TxnLineId"] = "0" });
            }
            else
            {
                var detail = line.Obj("DepositLineDetail") ?? throw Fault.RequiredParam("DepositLineDetail");
                if (detail.Obj("AccountRef") is null)
                {
                    throw Fault.RequiredParam("AccountRef", "Required parameter DepositLineDetail.AccountRef is missing in the request");
                }

                ctx.Refs.Account(detail, "AccountRef");
                ctx.Refs.Resolve(detail, "PaymentMethodRef", "PaymentMethod", "PaymentMethods");
                if (detail.Obj("Entity") is { } entity && entity.Str("value") is { } entityId)
                {
                    _ = ctx.Store.Get("Customer", entityId) ?? ctx.Store.Get("Vendor", entityId) ?? ctx.Store.Get("Employee", entityId)
                        ?? throw Fault.InvalidReference("Names", entityId);
                }

                output["Id"] = lineId++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                output["LineNum"] = lineId - 1;
                if (line.Str("Description") is { } description)
                {
                    output["Description"] = description;
                }

                output["Amount"] = Money.Node(amount);
                output["DetailType"] = "DepositLineDetail";
                output["DepositLineDetail"] = detail.DeepClone();
            }

            total += amount;
            lines.Add(output);
        }

        draft["TxnDate"] ??= QboTime.Date(ctx.Company.Today);
        var rate = TransactionCurrency.Apply(ctx, draft, null);
        draft["Line"] = lines;
        draft["TotalAmt"] = Money.Node(total);
        if (rate is { } r)
        {
            draft["HomeTotalAmt"] = Money.CentsNode(total * r);
        }

        return draft;
    }

    public override void BeforeDelete(WriteContext ctx, JsonObject existing)
    {
    }

    public override void OnCommit(CommitContext ctx, JsonObject? before, JsonObject? after)
    {
        var depositId = (after ?? before)!.Str("Id")!;
        var was = Deposited(before).ToHashSet();
        var now = Deposited(after).ToHashSet();
        foreach (var (type, id) in now.Except(was))
        {
            Links.Add(ctx, type, id, depositId, "Deposit");
        }

        foreach (var (type, id) in was.Except(now))
        {
            Links.Remove(ctx, type, id, depositId, "Deposit", dropEmptyArray: true);
        }
    }

    private static IEnumerable<(string Type, string Id)> Deposited(JsonObject? deposit) =>
        Linkable.SelectMany(type => Links.FromLines(deposit, type).Select(l => (type, l.TxnId)));
}
