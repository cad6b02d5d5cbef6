using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.Data;

/// <summary>
/// Loads JSON in Shopify's REST format into a <see cref="ShopifyShop"/>: whole response bodies as the API returns them
/// (<c>{"orders":[…]}</c>, <c>{"order":{…}}</c>, <c>{"refunds":[…]}</c> …), recognised by their wrapper key, or a bare object
/// that has an <c>id</c> and an order's <c>line_items</c> or a product's <c>variants</c>. Shopify Payments bodies load too:
/// <c>{"payouts":[…]}</c>, <c>{"payout":{…}}</c>, balance <c>{"transactions":[…]}</c> (told from an order's by their
/// <c>payout_status</c>/<c>net</c>), <c>{"disputes":[…]}</c>, <c>{"balance":[…]}</c>.
/// </summary>
public static class ShopifySeedLoader
{
    /// <summary>Loads every <c>*.json</c> file of each folder (sorted by name) and each file given directly.</summary>
    public static int LoadPaths(ShopifyShop shop, IEnumerable<string> paths)
    {
        var loaded = 0;
        foreach (var path in paths)
        {
            string[] files = Directory.Exists(path)
                ? [.. Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal)]
                : File.Exists(path) ? [path] : throw new FileNotFoundException($"Shopify seed path '{path}' is neither a folder nor a file.", path);
            foreach (var file in files)
            {
                JsonNode? document;
                try
                {
                    document = JsonNode.Parse(File.ReadAllText(file));
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"Shopify seed file '{file}' is not valid JSON: {e.Message}", e);
                }

                loaded += Load(shop, document, Path.GetFileName(file));
            }
        }

        return loaded;
    }

    /// <summary>Loads one document; returns how many objects it stored. <paramref name="source"/> names it in errors.</summary>
    public static int Load(ShopifyShop shop, JsonNode? document, string source = "document")
    {
        if (document is not JsonObject root)
        {
            throw new InvalidDataException($"Shopify seed '{source}' must be a JSON object such as {{\"orders\":[…]}} or {{\"order\":{{…}}}}.");
        }

        var stored = 0;
        foreach (var (key, value) in root.ToList())
        {
            stored += key switch
            {
                "orders" => Each(value, o => shop.PutOrder(o)),
                "order" => Each(value, o => shop.PutOrder(o)),
                "refunds" or "refund" => Each(value, r => PutRefund(shop, r, source)),
                "transactions" or "transaction" => Each(value, t => PutTransaction(shop, t, source)),
                "payouts" or "payout" => Each(value, shop.Payments.PutPayout),
                "disputes" or "dispute" => Each(value, shop.Payments.PutDispute),
                "balance" when value is JsonArray balance => Put(balance, shop.Payments.PutBalance),
                "products" or "product" => Each(value, shop.PutProduct),
                "variants" or "variant" => Each(value, shop.PutVariant),
                "customers" or "customer" => Each(value, c => Put(shop, shop.Customers, c)),
                "locations" or "location" => Each(value, l => Put(shop, shop.Locations, l)),
                "inventory_items" or "inventory_item" => Each(value, i => Put(shop, shop.InventoryItems, i)),
                "inventory_levels" or "inventory_level" => Each(value, shop.PutInventoryLevel),
                "tender_transactions" => Each(value, t => { lock (shop.Gate) { shop.TenderTransactions.Add(t); } }),
                "webhooks" or "webhook" => Each(value, w => Put(shop, shop.Webhooks, w)),
                // Response-only members: a count, a notice after cancel. Nothing to store.
                "count" or "notice" or "errors" => 0,
                _ when root.ContainsKey("id") => 0,
                _ => throw new InvalidDataException($"Shopify seed '{source}' has an unknown top-level key \"{key}\"."),
            };
        }

        if (root.ContainsKey("id"))
        {
            stored += LoadBare(shop, root, source);
        }

        return stored;
    }

    private static int LoadBare(ShopifyShop shop, JsonObject item, string source)
    {
        if (item.ContainsKey("line_items"))
        {
            shop.PutOrder(item);
        }
        else if (item.ContainsKey("variants"))
        {
            shop.PutProduct(item);
        }
        else
        {
            throw new InvalidDataException($"Shopify seed '{source}' is a bare object that is neither an order nor a product; wrap it in its REST key, e.g. {{\"customer\":{{…}}}}.");
        }

        return 1;
    }

    /// <summary>An order's transaction, or a Shopify Payments balance transaction (it has a <c>payout_status</c> and a <c>net</c>).</summary>
    private static void PutTransaction(ShopifyShop shop, JsonObject transaction, string source)
    {
        if (transaction.ContainsKey("payout_status") || transaction.ContainsKey("net"))
        {
            shop.Payments.PutTransaction(transaction);
        }
        else
        {
            shop.PutTransaction(OrderIdOf(transaction, source), transaction);
        }
    }

    private static int Put(JsonArray balance, Action<JsonArray> put)
    {
        put(balance);
        return 1;
    }

    private static void PutRefund(ShopifyShop shop, JsonObject refund, string source)
    {
        if (refund["id"] is null)
        {
            // A refunds/calculate answer: a proposal, not a stored refund. The calculate endpoint computes it afresh.
            return;
        }

        shop.PutRefund(OrderIdOf(refund, source), refund);
    }

    private static long OrderIdOf(JsonObject item, string source) =>
        StoreJson.Long(item["order_id"]) ?? throw new InvalidDataException($"Shopify seed '{source}': a refund or transaction needs \"order_id\".");

    private static void Put(ShopifyShop shop, SortedDictionary<long, JsonObject> table, JsonObject item)
    {
        var id = StoreJson.Long(item["id"]) ?? throw new InvalidDataException("Every seeded Shopify object needs an \"id\".");
        lock (shop.Gate)
        {
            table[id] = item;
        }
    }

    private static int Each(JsonNode? value, Action<JsonObject> put)
    {
        switch (value)
        {
            case JsonArray array:
                foreach (var item in array.OfType<JsonObject>())
                {
                    put((JsonObject)item.DeepClone());
                }

                return array.Count;
            case JsonObject single:
                put((JsonObject)single.DeepClone());
                return 1;
            default:
                return 0;
        }
    }
}
