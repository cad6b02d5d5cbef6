using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Writes.Effects;

/// <summary>LinkedTxn entries QBO maintains on the other side of a link (a payment on its invoice, a deposit on its receipt).</summary>
internal static class Links
{
    /// <summary>Link types the system writes; a client's update keeps them even when it does not send them.</summary>
    public static readonly string[] SystemTypes = ["Payment", "Deposit", "ReceivePayment", "Invoice"];

    public static bool Has(JsonObject txn, string txnType) =>
        txn.Arr("LinkedTxn").Objects().Any(l => l.Str("TxnType") == txnType);

    public static void Add(CommitContext ctx, string entity, string id, string linkedId, string linkedType)
    {
        if (ctx.Store.Get(entity, id) is not { } record)
        {
            return;
        }

        var links = record.Json.Arr("LinkedTxn");
        if (links is null)
        {
            links = [];
            record.Json["LinkedTxn"] = links;
        }

        if (!links.Objects().Any(l => l.Str("TxnId") == linkedId && l.Str("TxnType") == linkedType))
        {
            links.Add(new JsonObject { ["TxnId"] = linkedId, ["TxnType"] = linkedType });
        }

        ctx.Touch(record);
    }

    public static void Remove(CommitContext ctx, string entity, string id, string linkedId, string linkedType, bool dropEmptyArray)
    {
        if (ctx.Store.Get(entity, id) is not { } record || record.Json.Arr("LinkedTxn") is not { } links)
        {
            return;
        }

        foreach (var link in links.Objects().Where(l => l.Str("TxnId") == linkedId && l.Str("TxnType") == linkedType).ToList())
        {
            links.Remove(link);
        }

        if (dropEmptyArray && links.Count == 0)
        {
            record.Json.Remove("LinkedTxn");
        }

        ctx.Touch(record);
    }

    /// <summary>The ids a transaction links to with <paramref name="txnType"/>, from its lines' LinkedTxn.</summary>
    public static IEnumerable<(string TxnId, decimal Amount)> FromLines(JsonObject? txn, string txnType)
    {
        foreach (var line in txn?.Arr("Line").Objects() ?? [])
        {
            foreach (var link in line.Arr("LinkedTxn").Objects())
            {
                if (link.Str("TxnType") == txnType && link.Str("TxnId") is { } id)
                {
                    yield return (id, line.Dec("Amount") ?? 0);
                }
            }
        }
    }
}
