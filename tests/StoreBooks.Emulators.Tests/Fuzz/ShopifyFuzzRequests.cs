using System.Text;
using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Tests.Fuzz;

/// <summary>Malformed Shopify requests: REST reads with odd filters, webhook subscriptions, GraphQL queries, and the emulator's admin API.</summary>
public sealed class ShopifyFuzzRequests(long orderId, long productId)
{
    private const string Api = "admin/api/2025-07/";

    private static readonly string[] GraphQLQueries =
    [
        "{ products(first: 5) { edges { node { id title handle variants(first: 3) { edges { node { id sku price inventoryItem { id } } } } } } pageInfo { hasNextPage endCursor } } }",
        "query Q($n: Int!, $after: String) { productVariants(first: $n, after: $after) { nodes { id sku price product { id title } } pageInfo { hasNextPage } } }",
        "query { product(id: \"gid://shopify/Product/1\") { id title } shop { name currencyCode } }",
        "fragment F on Product { id title } { products(first: 2, query: \"updated_at:>2026-01-01\") { nodes { ...F } } }",
    ];

    public FuzzRequest Next(Random random)
    {
        var request = random.Next(10) switch
        {
            < 3 => RestRead(random),
            3 => Webhook(random),
            < 7 => GraphQL(random),
            _ => Admin(random),
        };
        if (random.Next(12) != 0 && request.PathAndQuery.StartsWith("admin", StringComparison.Ordinal))
        {
            request.Headers["X-Shopify-Access-Token"] = "demo-token";
        }
        else if (random.Next(2) == 0)
        {
            request.Headers["X-Shopify-Access-Token"] = random.Next(2) == 0 ? "" : "shpat_; drop";
        }

        return request.WithOddHeaders(random);
    }

    private FuzzRequest RestRead(Random random)
    {
        var version = random.Next(10) == 0 ? "admin/api/" + MalformedHttp.QueryValue(random) + "/" : Api;
        var id = random.Next(3) == 0 ? orderId.ToString(System.Globalization.CultureInfo.InvariantCulture) : MalformedHttp.QueryValue(random);
        var path = random.Next(12) switch
        {
            0 => "orders.json?" + MalformedHttp.Query(random, "status", "limit", "since_id", "created_at_min", "created_at_max", "updated_at_min", "updated_at_max", "financial_status", "fields", "ids", "page_info", "processed_at_min"),
            1 => "orders/count.json?" + MalformedHttp.Query(random, "status", "created_at_min", "financial_status", "updated_at_max"),
            2 => $"orders/{id}.json?" + MalformedHttp.Query(random, "fields"),
            3 => $"orders/{id}/refunds.json?" + MalformedHttp.Query(random, "limit", "fields"),
            4 => $"orders/{id}/transactions.json?" + MalformedHttp.Query(random, "since_id", "fields"),
            5 => "customers.json?" + MalformedHttp.Query(random, "limit", "since_id", "ids", "updated_at_min", "page_info", "fields"),
            6 => "products.json?" + MalformedHttp.Query(random, "limit", "ids", "since_id", "updated_at_min", "page_info", "fields", "status"),
            7 => "inventory_levels.json?" + MalformedHttp.Query(random, "inventory_item_ids", "location_ids", "limit", "updated_at_min"),
            8 => "inventory_items.json?" + MalformedHttp.Query(random, "ids", "limit"),
            9 => "tender_transactions.json?" + MalformedHttp.Query(random, "limit", "since_id", "processed_at_min", "order"),
            10 => "webhooks.json?" + MalformedHttp.Query(random, "topic", "address", "limit", "since_id"),
            _ => $"products/{productId}/variants.json?" + MalformedHttp.Query(random, "limit", "fields"),
        };
        return new FuzzRequest(HttpMethod.Get, version + path, null, null);
    }

    private static FuzzRequest Webhook(Random random)
    {
        var body = JsonNode.Parse("""{"webhook":{"topic":"orders/create","address":"http://127.0.0.1:9/hook","format":"json","fields":["id","note"]}}""")!;
        return new FuzzRequest(random.Next(4) == 0 ? HttpMethod.Put : HttpMethod.Post, random.Next(4) == 0 ? Api + "webhooks/1.json" : Api + "webhooks.json", MalformedJson.Mutate(body, random));
    }

    private static FuzzRequest GraphQL(Random random)
    {
        var query = GraphQLQueries[random.Next(GraphQLQueries.Length)];
        string? text = random.Next(8) switch
        {
            0 => DeepQuery(60 + random.Next(200)),
            1 => query[..random.Next(query.Length)],
            2 => "fragment A on Product { id ...B } fragment B on Product { ...A } { products(first: 1) { nodes { ...A } } }",
            3 => query.Replace("first: 5", "first: " + MalformedJson.HugeNumbers[random.Next(MalformedJson.HugeNumbers.Length)], StringComparison.Ordinal)
                .Replace("first: 2", "first: -4", StringComparison.Ordinal),
            4 => query.Replace("title", "title \\ud800 \"\\udc00\"", StringComparison.Ordinal),
            5 => "{ products(first: 1) { " + string.Concat(Enumerable.Repeat("a: id ", random.Next(1, 3000))) + "} }",
            6 => null,
            _ => query,
        };
        var body = new JsonObject
        {
            ["query"] = text,
            ["variables"] = new JsonObject { ["n"] = 3, ["after"] = "eyJsYXN0X2lkIjoxfQ==" },
        };
        if (random.Next(3) == 0)
        {
            return new FuzzRequest(HttpMethod.Post, Api + "graphql.json", Encoding.UTF8.GetBytes(text ?? ""), "application/graphql");
        }

        var bytes = random.Next(2) == 0 ? Encoding.UTF8.GetBytes(body.ToJsonString()) : MalformedJson.Mutate(body, random);
        return new FuzzRequest(HttpMethod.Post, Api + "graphql.json", bytes);
    }

    private FuzzRequest Admin(Random random)
    {
        var order = JsonNode.Parse($$$"""
            {"order":{"name":"#F1","email":"f@example.com","created_at":"2026-03-01T10:00:00-05:00","updated_at":"2026-03-01T10:00:00-05:00",
             "financial_status":"paid","currency":"USD","total_price":"12.00","subtotal_price":"10.00","total_tax":"2.00",
             "line_items":[{"id":1,"title":"Fuzz","quantity":1,"price":"10.00","sku":"FZ","variant_id":1,"product_id":{{{productId}}},"tax_lines":[{"price":"2.00","rate":0.2,"title":"VAT"}]}],
             "refunds":[{"id":5,"created_at":"2026-03-02T10:00:00-05:00","refund_line_items":[],"transactions":[{"id":6,"amount":"1.00","kind":"refund","status":"success"}]}],
             "customer":{"id":9,"email":"f@example.com"},"closed_at":null,"cancelled_at":null}}
            """)!;
        var product = JsonNode.Parse("""{"product":{"title":"Fuzz","variants":[{"sku":"FZ","price":"1.00","inventory_item_id":3}]}}""")!;
        var customer = JsonNode.Parse("""{"customer":{"email":"c@example.com","first_name":"C","updated_at":"2026-03-01T00:00:00Z"}}""")!;
        var level = JsonNode.Parse("""{"inventory_item_id":1,"location_id":1,"available":5}""")!;
        var (path, body) = random.Next(8) switch
        {
            < 3 => ("emulator/shopify/orders", order),
            3 => ($"emulator/shopify/orders/{orderId}", order),
            4 => ("emulator/shopify/products", product),
            5 => ("emulator/shopify/customers", customer),
            6 => ("emulator/shopify/inventory_levels", level),
            _ => ("emulator/shopify/seed", new JsonObject { ["orders"] = new JsonArray(order["order"]!.DeepClone()) }),
        };
        return new FuzzRequest(HttpMethod.Post, path, MalformedJson.Mutate(body, random));
    }

    /// <summary>A query whose selection sets nest <paramref name="depth"/> levels deep.</summary>
    public static string DeepQuery(int depth)
    {
        var text = new StringBuilder("{ products(first: 1) { nodes { ");
        for (var i = 0; i < depth; i++)
        {
            text.Append("variants(first: 1) { nodes { product { ");
        }

        text.Append("id");
        for (var i = 0; i < depth; i++)
        {
            text.Append(" } } }");
        }

        return text.Append(" } } }").ToString();
    }
}
