using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Entities.Lists;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Transactions;

/// <summary>What QBO fills in on a sales form: the customer's addresses (with their ids), the enabled custom fields, each kind of form's defaults.</summary>
internal static class SalesFormFill
{
    /// <summary>Bill and ship addresses sent get ids; absent ones are copied from the customer with the customer's ids.</summary>
    public static void Addresses(WriteContext ctx, JsonObject draft, JsonObject? existing, JsonObject? customer)
    {
        var sent = new List<string>();
        foreach (var property in new[] { "BillAddr", "ShipAddr" })
        {
            if (draft.Obj(property) is not null)
            {
                sent.Add(property);
            }
            else if (customer?.Obj(property) is { } fromCustomer)
            {
                draft[property] = fromCustomer.CloneObject();
            }
        }

        Lists.Addresses.Assign(ctx.Company, draft, existing, [.. sent]);
    }

    /// <summary>Every enabled sales custom field appears on the form (with the client's value when it sent one).</summary>
    public static void CustomFields(WriteContext ctx, JsonObject draft)
    {
        var enabled = ctx.Prefs.SalesCustomFields;
        var sent = draft.Arr("CustomField").Objects().ToList();
        if (enabled.Count == 0)
        {
            draft.Remove("CustomField");
            return;
        }

        var fields = new JsonArray();
        foreach (var (definitionId, name) in enabled)
        {
            var field = new JsonObject { ["DefinitionId"] = definitionId, ["Name"] = name, ["Type"] = "StringType" };
            var value = sent.FirstOrDefault(f => f.Str("DefinitionId") == definitionId || f.Str("Name") == name)?.Str("StringValue");
            if (value is not null)
            {
                field["StringValue"] = value;
            }

            fields.Add(field);
        }

        draft["CustomField"] = fields;
    }

    /// <summary>The defaults each kind of form gets: invoice flags and due date, receipts' deposit account, estimate status.</summary>
    public static void ProfileDefaults(SalesFormProfile profile, WriteContext ctx, JsonObject draft, string txnDate)
    {
        switch (profile.Name)
        {
            case "Invoice":
                draft["AllowIPNPayment"] ??= false;
                draft["AllowOnlinePayment"] ??= false;
                draft["AllowOnlineCreditCardPayment"] ??= false;
                draft["AllowOnlineACHPayment"] ??= false;
                if (draft.Str("DueDate") is null && QboTime.TryParseDate(txnDate, out var date))
                {
                    // The company's default term is Net 30 (a real invoice dated 2020-09-29 was due 2020-10-29).
                    draft["DueDate"] = QboTime.Date(date.AddDays(30));
                }

                break;
            case "SalesReceipt":
                DepositAccount(ctx, draft, withName: true);
                break;
            case "RefundReceipt":
                DepositAccount(ctx, draft, withName: true);
                if (draft.Str("PaymentRefNum") is null && draft.Str("PrintStatus") == "NeedToPrint")
                {
                    draft["PaymentRefNum"] = "To Print";
                }

                if (draft.Str("PaymentRefNum") is { Length: > 100 } refNum)
                {
                    throw Fault.StringLength("PaymentRefNum", 0, 100, refNum.Length);
                }

                break;
            case "Estimate":
                draft["TxnStatus"] ??= "Pending";
                break;
        }
    }

    /// <summary>DepositToAccountRef: Undeposited Funds when absent; must be a Bank or Other Current Asset account.</summary>
    public static void DepositAccount(WriteContext ctx, JsonObject draft, bool withName)
    {
        if (draft.Obj("DepositToAccountRef") is null)
        {
            var undeposited = ctx.Store.All("Account").FirstOrDefault(a => a.Json.Str("AccountSubType") == "UndepositedFunds")
                ?? throw Fault.RequiredParam("DepositToAccountRef");
            draft["DepositToAccountRef"] = JsonAccess.Ref(undeposited.Id, withName ? undeposited.Json.Str("Name") : null);
            return;
        }

        var account = ctx.Refs.Resolve(draft, "DepositToAccountRef", "Account", "Accounts", fillName: withName)!;
        if (account.Str("AccountType") is not (AccountTypes.Bank or AccountTypes.OtherCurrentAsset))
        {
            throw Fault.InvalidAccountType(ctx.Options.AccountTypeFaultCode, "DepositToAccountRef");
        }
    }
}
