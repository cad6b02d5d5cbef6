using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.Shopify.Json;
using StoreBooks.Shopify.Orders;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Shopify.Tests.Support;

/// <summary>The Shopify fixture files (real REST bodies from shopify.dev's examples), and their orders mapped straight from the file.</summary>
public static class ShopifyFixtures
{
    /// <summary>Every fixture file name, or one placeholder when the fixtures are absent (the test then skips).</summary>
    public static TheoryData<string> Files() => [.. Names()];

    private static IEnumerable<string> Names()
    {
        var folder = SharedFixtures.Directory is { } root ? Path.Combine(root, "shopify") : null;
        if (folder is null || !Directory.Exists(folder))
        {
            return ["(fixtures absent)"];
        }

        return Directory.GetFiles(folder, "*.json").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);
    }

    /// <summary>The order files: those whose body is <c>{"order":…}</c> or <c>{"orders":[…]}</c>.</summary>
    public static TheoryData<string> OrderFiles()
    {
        return [.. Names().Where(file => file.StartsWith('(')
            || (file.StartsWith("order", StringComparison.Ordinal) && !file.StartsWith("orders-count", StringComparison.Ordinal)))];
    }

    public static string Text(string file) => File.ReadAllText(SharedFixtures.Path(Path.Combine("shopify", file)));

    public static JsonNode Node(string file) => JsonNode.Parse(Text(file))!;

    /// <summary>The orders of a file as JSON objects.</summary>
    public static IReadOnlyList<JsonObject> OrderNodes(string file)
    {
        var root = Node(file);
        return root["orders"] is JsonArray list ? [.. list.OfType<JsonObject>()] : [root["order"]!.AsObject()];
    }

    /// <summary>The orders of a file in the model, mapped from the file itself (with these transactions, none by default).</summary>
    public static IReadOnlyList<StoreOrder> MapOrders(string file, string? transactionsFile = null)
    {
        var transactions = transactionsFile is null
            ? []
            : JsonDocument.Parse(Text(transactionsFile)).RootElement.GetProperty("transactions").EnumerateArray().Select(ShopifyJson.Read<ShopifyTransaction>).ToList();
        using var document = JsonDocument.Parse(Text(file));
        var root = document.RootElement;
        var elements = root.TryGetProperty("orders", out var list) ? list.EnumerateArray().ToList() : [root.GetProperty("order")];
        return [.. elements.Select(e => ShopifyOrderMapper.Map(ShopifyJson.Read<ShopifyOrder>(e), transactions))];
    }

    /// <summary>A money value of the fixture JSON, exactly (strings and numbers alike); 0 when absent.</summary>
    public static decimal Money(JsonNode? node) =>
        node is null ? 0m : decimal.Parse(node.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
