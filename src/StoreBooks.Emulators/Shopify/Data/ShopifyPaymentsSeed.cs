using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.Data;

/// <summary>
/// Shopify Payments objects loaded as they are (fixture bodies of <c>shopify_payments/…</c>): payouts, balance transactions,
/// disputes and the balance. They are served beside those the emulator computes from its orders, and win on the same id.
/// </summary>
internal sealed class ShopifyPaymentsSeed
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, JsonObject> _payouts = [];
    private readonly SortedDictionary<long, JsonObject> _transactions = [];
    private readonly SortedDictionary<long, JsonObject> _disputes = [];
    private JsonArray? _balance;

    public void Clear()
    {
        lock (_gate)
        {
            _payouts.Clear();
            _transactions.Clear();
            _disputes.Clear();
            _balance = null;
        }
    }

    public void PutPayout(JsonObject payout) => Put(_payouts, payout, "payout");

    public void PutTransaction(JsonObject transaction) => Put(_transactions, transaction, "balance transaction");

    public void PutDispute(JsonObject dispute) => Put(_disputes, dispute, "dispute");

    public void PutBalance(JsonArray balance)
    {
        lock (_gate)
        {
            _balance = (JsonArray)balance.DeepClone();
        }
    }

    public List<JsonObject> Payouts() => Copy(_payouts);

    public List<JsonObject> Transactions() => Copy(_transactions);

    public List<JsonObject> Disputes() => Copy(_disputes);

    public JsonArray? Balance()
    {
        lock (_gate)
        {
            return (JsonArray?)_balance?.DeepClone();
        }
    }

    private void Put(SortedDictionary<long, JsonObject> table, JsonObject item, string what)
    {
        var id = StoreJson.Long(item["id"]) ?? throw new InvalidDataException($"A seeded Shopify Payments {what} needs an \"id\".");
        lock (_gate)
        {
            table[id] = item;
        }
    }

    private List<JsonObject> Copy(SortedDictionary<long, JsonObject> table)
    {
        lock (_gate)
        {
            return [.. table.Values.Select(v => (JsonObject)v.DeepClone())];
        }
    }
}
