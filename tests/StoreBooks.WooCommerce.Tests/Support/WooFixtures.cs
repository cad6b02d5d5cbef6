using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.Testing;
using StoreBooks.WooCommerce.Json;
using StoreBooks.WooCommerce.Orders;
using StoreBooks.WooCommerce.Products;
using Xunit;

namespace StoreBooks.WooCommerce.Tests.Support;

/// <summary>The WooCommerce fixture files (docs examples, the iOS app's recordings, a real 7.1 store), mapped straight from the files.</summary>
public static class WooFixtures
{
    public static TheoryData<string> Files() => [.. Names()];

    public static TheoryData<string> OrderFiles() => [.. Names().Where(f => f.StartsWith('(') || f.StartsWith("order-get", StringComparison.Ordinal) || f.StartsWith("orders-list", StringComparison.Ordinal))];

    private static IEnumerable<string> Names()
    {
        var folder = SharedFixtures.Directory is { } root ? Path.Combine(root, "woocommerce") : null;
        return folder is null || !Directory.Exists(folder)
            ? ["(fixtures absent)"]
            : Directory.GetFiles(folder, "*.json").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);
    }

    public static string Text(string file) => File.ReadAllText(SharedFixtures.Path(Path.Combine("woocommerce", file)));

    /// <summary>The objects of a file: a list body's items, or the one object.</summary>
    public static IReadOnlyList<JsonObject> Objects(string file) => JsonNode.Parse(Text(file)) switch
    {
        JsonArray list => [.. list.OfType<JsonObject>()],
        JsonObject one => [one],
        _ => [],
    };

    public static IReadOnlyList<T> Read<T>(string file)
    {
        using var document = JsonDocument.Parse(Text(file));
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray().Select(WooJson.Read<T>)] : [WooJson.Read<T>(root)];
    }

    /// <summary>The orders of a file in the model, with the refunds of <paramref name="refundsFile"/> that point at each order.</summary>
    public static IReadOnlyList<StoreOrder> MapOrders(string file, string? refundsFile = null)
    {
        var refunds = refundsFile is null ? [] : Objects(refundsFile);
        return [.. Read<WooOrder>(file).Select(order => WooOrderMapper.Map(order, [.. refunds
            .Where(r => ((string?)r["_links"]?["up"]?[0]?["href"])?.EndsWith($"/orders/{order.Id}", StringComparison.Ordinal) == true)
            .Select(r => JsonSerializer.Deserialize<WooRefund>(r.ToJsonString(), WooJson.Options)!)]))];
    }

    /// <summary>The products of files in the model, as the source maps them: variations with the parent of their <c>_links.up</c>.</summary>
    public static IReadOnlyList<StoreProduct> MapProducts(params string[] files) => MapDocuments(files.Select(Text));

    /// <summary>As <see cref="MapProducts"/>, from JSON documents.</summary>
    public static IReadOnlyList<StoreProduct> MapDocuments(IEnumerable<string> documents)
    {
        var objects = documents.SelectMany(d => JsonNode.Parse(d) switch
        {
            JsonArray list => list.OfType<JsonObject>(),
            JsonObject one => [one],
            _ => [],
        }).ToList();
        var products = objects.Where(o => o.ContainsKey("type")).ToList();
        var variations = objects.Where(o => !o.ContainsKey("type")).ToList();
        var result = new List<StoreProduct>();
        foreach (var json in products.OrderBy(p => (long)p["id"]!))
        {
            var product = JsonSerializer.Deserialize<WooProduct>(json.ToJsonString(), WooJson.Options)!;
            if (product.Type == "variable")
            {
                result.AddRange(variations
                    .Where(v => ((string?)v["_links"]?["up"]?[0]?["href"])?.EndsWith($"/products/{product.Id}", StringComparison.Ordinal) == true)
                    .OrderBy(v => (long)v["id"]!)
                    .Select(v => WooProductMapper.Variation(product, JsonSerializer.Deserialize<WooVariation>(v.ToJsonString(), WooJson.Options)!)));
            }
            else if (product.Type != "grouped")
            {
                result.Add(WooProductMapper.Simple(product));
            }
        }

        return result;
    }

    public static decimal Money(JsonNode? node)
    {
        var text = node?.ToJsonString().Trim('"') ?? "";
        return text.Length == 0 || text == "null" ? 0m : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
