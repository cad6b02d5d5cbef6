using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Writes.Effects;

/// <summary>
/// A customer's Balance is what they owe: open invoice balances, less unused credit memos and unapplied payments.
/// BalanceWithJobs adds their sub-customers'. Kept by adding each committed change's difference.
/// </summary>
internal static class CustomerBalances
{
    /// <summary>What one transaction contributes to its customer's balance.</summary>
    public static decimal Contribution(string entity, JsonObject? txn) => txn is null ? 0 : entity switch
    {
        "Invoice" => txn.Dec("Balance") ?? 0,
        "CreditMemo" => -(txn.Dec("Balance") ?? 0),
        "Payment" => -(txn.Dec("UnappliedAmt") ?? 0),
        _ => 0,
    };

    public static void Apply(CommitContext ctx, string entity, JsonObject? before, JsonObject? after)
    {
        var was = Contribution(entity, before);
        var now = Contribution(entity, after);
        var wasCustomer = before?.RefValue("CustomerRef");
        var nowCustomer = after?.RefValue("CustomerRef");
        if (wasCustomer == nowCustomer)
        {
            Adjust(ctx, nowCustomer, now - was);
        }
        else
        {
            Adjust(ctx, wasCustomer, -was);
            Adjust(ctx, nowCustomer, now);
        }
    }

    public static void Adjust(CommitContext ctx, string? customerId, decimal delta)
    {
        if (customerId is null || delta == 0 || ctx.Store.Get("Customer", customerId) is not { } record)
        {
            return;
        }

        record.Json["Balance"] = Money.CentsNode((record.Json.Dec("Balance") ?? 0) + delta);
        for (var current = record; current is not null;)
        {
            current.Json["BalanceWithJobs"] = Money.CentsNode((current.Json.Dec("BalanceWithJobs") ?? 0) + delta);
            ctx.Touch(current);
            var parentId = current.Json.RefValue("ParentRef");
            current = parentId is null ? null : ctx.Store.Get("Customer", parentId);
        }
    }
}
