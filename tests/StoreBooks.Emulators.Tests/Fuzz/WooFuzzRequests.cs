using System.Globalization;
using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Tests.Fuzz;

/// <summary>Malformed WooCommerce requests: REST reads with odd parameters and credentials, webhooks, refunds, and the admin API.</summary>
public sealed class WooFuzzRequests(long orderId)
{
    private const string Api = "wp-json/wc/v3/";

    public FuzzRequest Next(Random random)
    {
        var request = random.Next(10) switch
        {
            < 4 => RestRead(random),
            4 => Webhook(random),
            5 => Refund(random),
            _ => Admin(random),
        };
        if (request.PathAndQuery.StartsWith("wp-json", StringComparison.Ordinal))
        {
            Authenticate(request, random);
        }

        return request.WithOddHeaders(random);
    }

    private static void Authenticate(FuzzRequest request, Random random)
    {
        switch (random.Next(8))
        {
            case < 5:
                request.Headers["Authorization"] = MalformedHttp.Basic("ck_demo", "cs_demo");
                request.Headers["X-Forwarded-Proto"] = "https";
                break;
            case 5:
                request.Headers["Authorization"] = random.Next(3) switch
                {
                    0 => "Basic !!!not-base64",
                    1 => "OAuth oauth_consumer_key=\"ck_demo\", oauth_nonce=\"%ZZ\", oauth_signature=\"x\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1e400\"",
                    _ => MalformedHttp.Basic("ck_demo\ud800", "cs_demo"),
                };
                break;
            case 6:
                request.Headers["Authorization"] = MalformedHttp.Basic("ck_demo", "cs_demo");
                break;
        }
    }

    private FuzzRequest RestRead(Random random)
    {
        var id = random.Next(3) == 0 ? orderId.ToString(CultureInfo.InvariantCulture) : MalformedHttp.QueryValue(random);
        var path = random.Next(9) switch
        {
            0 or 1 => "orders?" + MalformedHttp.Query(random, "per_page", "page", "after", "before", "modified_after", "modified_before", "dates_are_gmt", "status", "orderby", "order", "include", "exclude", "offset", "customer", "search"),
            2 => $"orders/{id}?" + MalformedHttp.Query(random, "dp"),
            3 => $"orders/{id}/refunds?" + MalformedHttp.Query(random, "per_page", "page"),
            4 => "products?" + MalformedHttp.Query(random, "per_page", "page", "include", "sku", "type", "modified_after", "orderby", "order"),
            5 => $"products/{id}/variations?" + MalformedHttp.Query(random, "per_page", "page"),
            6 => "customers?" + MalformedHttp.Query(random, "per_page", "page", "email", "role", "orderby", "include"),
            7 => "coupons?" + MalformedHttp.Query(random, "per_page", "page", "code"),
            _ => "taxes?" + MalformedHttp.Query(random, "per_page", "page", "class"),
        };
        return new FuzzRequest(HttpMethod.Get, Api + path, null, null);
    }

    private static FuzzRequest Webhook(Random random)
    {
        var body = JsonNode.Parse("""{"name":"fuzz","topic":"order.created","delivery_url":"http://127.0.0.1:9/hook","secret":"s","status":"active"}""")!;
        return new FuzzRequest(random.Next(4) == 0 ? HttpMethod.Put : HttpMethod.Post, random.Next(4) == 0 ? Api + "webhooks/1" : Api + "webhooks", MalformedJson.Mutate(body, random));
    }

    private FuzzRequest Refund(Random random)
    {
        var body = JsonNode.Parse("""{"amount":"1.00","reason":"fuzz","api_refund":false,"line_items":[{"id":1,"quantity":1,"refund_total":1,"refund_tax":[{"id":1,"refund_total":0.1}]}]}""")!;
        return new FuzzRequest(HttpMethod.Post, Api + $"orders/{orderId}/refunds", MalformedJson.Mutate(body, random));
    }

    private FuzzRequest Admin(Random random)
    {
        var order = JsonNode.Parse("""
            {"status":"processing","currency":"USD","date_created":"2026-03-01T10:00:00","date_created_gmt":"2026-03-01T14:00:00",
             "date_modified_gmt":"2026-03-01T14:00:00","total":"12.00","total_tax":"2.00","shipping_total":"0.00","prices_include_tax":false,
             "billing":{"email":"w@example.com","first_name":"W"},"customer_id":0,"payment_method":"bacs",
             "line_items":[{"id":1,"name":"Fuzz","product_id":100,"variation_id":0,"quantity":1,"subtotal":"10.00","total":"10.00","total_tax":"2.00","sku":"FZ","price":10,
               "taxes":[{"id":1,"total":"2.00","subtotal":"2.00"}]}],
             "tax_lines":[{"id":1,"rate_id":1,"label":"Tax","rate_percent":20,"tax_total":"2.00"}],"fee_lines":[],"shipping_lines":[],
             "refunds":[{"id":7,"total":"-1.00","reason":""}]}
            """)!;
        var product = JsonNode.Parse("""{"name":"Fuzz","type":"simple","sku":"FZ","price":"1.00","regular_price":"1.00","manage_stock":true,"stock_quantity":3}""")!;
        var customer = JsonNode.Parse("""{"email":"c@example.com","first_name":"C","role":"customer","billing":{"email":"c@example.com"}}""")!;
        var (path, body) = random.Next(6) switch
        {
            < 3 => ("emulator/woocommerce/orders", order),
            3 => ($"emulator/woocommerce/orders/{orderId}", order),
            4 => (random.Next(2) == 0 ? "emulator/woocommerce/products" : "emulator/woocommerce/customers", random.Next(2) == 0 ? product : customer),
            _ => ("emulator/woocommerce/seed", new JsonObject { ["orders"] = new JsonArray(order.DeepClone()) }),
        };
        return new FuzzRequest(HttpMethod.Post, path, MalformedJson.Mutate(body, random));
    }
}
