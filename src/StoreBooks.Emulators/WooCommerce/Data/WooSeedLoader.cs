using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.WooCommerce.Data;

/// <summary>
/// Loads JSON in WooCommerce's REST format into a <see cref="WooStore"/>: list bodies (bare arrays) and single objects,
/// each object recognised by its keys. Refunds and variations find their parent in <c>_links.up</c>.
/// </summary>
public static partial class WooSeedLoader
{
    [GeneratedRegex(@"/(orders|products)/(\d+)/?$")]
    private static partial Regex UpLink();

    public static int LoadPaths(WooStore store, IEnumerable<string> paths)
    {
        var loaded = 0;
        foreach (var path in paths)
        {
            string[] files = Directory.Exists(path)
                ? [.. Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal)]
                : File.Exists(path) ? [path] : throw new FileNotFoundException($"WooCommerce seed path '{path}' is neither a folder nor a file.", path);
            foreach (var file in files)
            {
                try
                {
                    loaded += Load(store, JsonNode.Parse(File.ReadAllText(file)), Path.GetFileName(file));
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"WooCommerce seed file '{file}' is not valid JSON: {e.Message}", e);
                }
            }
        }

        return loaded;
    }

    public static int Load(WooStore store, JsonNode? document, string source = "document")
    {
        var items = document switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject single => [single],
            _ => throw new InvalidDataException($"WooCommerce seed '{source}' must be a JSON array (a list body) or object (a single item)."),
        };
        foreach (var item in items)
        {
            Put(store, (JsonObject)item.DeepClone(), source);
        }

        return items.Count;
    }

    private static void Put(WooStore store, JsonObject item, string source)
    {
        var id = StoreJson.Long(item["id"]) ?? throw new InvalidDataException($"WooCommerce seed '{source}': every object needs an \"id\".");
        if (item.ContainsKey("refunded_by") || (item.ContainsKey("amount") && item.ContainsKey("line_items") && !item.ContainsKey("status")))
        {
            store.PutRefund(Parent(item, "orders", source), item);
        }
        else if (item.ContainsKey("line_items"))
        {
            store.PutOrder(item);
        }
        else if (item.ContainsKey("type") && (item.ContainsKey("variations") || item.ContainsKey("regular_price")))
        {
            Into(store, store.Products, id, item);
        }
        else if (item.ContainsKey("attributes") && item.ContainsKey("stock_status"))
        {
            store.PutVariation(Parent(item, "products", source), item);
        }
        else if (item.ContainsKey("delivery_url"))
        {
            Into(store, store.Webhooks, id, item);
        }
        else if (item.ContainsKey("discount_type") && item.ContainsKey("code"))
        {
            Into(store, store.Coupons, id, item);
        }
        else if (item.ContainsKey("rate") && item.ContainsKey("country"))
        {
            Into(store, store.Taxes, id, item);
        }
        else if (item.ContainsKey("username") || (item.ContainsKey("role") && item.ContainsKey("email")))
        {
            Into(store, store.Customers, id, item);
        }
        else
        {
            throw new InvalidDataException($"WooCommerce seed '{source}': object {id} is not an order, refund, product, variation, customer, coupon, tax rate or webhook.");
        }
    }

    private static long Parent(JsonObject item, string kind, string source)
    {
        var href = StoreJson.String(item["_links"]?["up"]?[0]?["href"]);
        var match = href is null ? null : UpLink().Match(href);
        if (match is null || !match.Success || match.Groups[1].Value != kind)
        {
            throw new InvalidDataException($"WooCommerce seed '{source}': object {item["id"]} needs _links.up pointing at its parent in /{kind}/{{id}}.");
        }

        return long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    private static void Into(WooStore store, SortedDictionary<long, JsonObject> table, long id, JsonObject item)
    {
        lock (store.Gate)
        {
            table[id] = item;
        }
    }
}
