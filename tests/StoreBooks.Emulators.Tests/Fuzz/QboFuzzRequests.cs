using System.Text;
using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Tests.Fuzz;

/// <summary>Malformed QuickBooks Online requests: entity creates and updates, reads by id, queries, batches and CDC.</summary>
public sealed class QboFuzzRequests(string realmId, string customerId, string itemId)
{
    private string Root => $"v3/company/{realmId}/";

    private JsonNode Line(decimal qty, decimal price) => JsonNode.Parse($$$"""
        {"Amount":{{{qty * price}}},"DetailType":"SalesItemLineDetail","Description":"Fuzz line",
         "SalesItemLineDetail":{"ItemRef":{"value":"{{{itemId}}}"},"Qty":{{{qty}}},"UnitPrice":{{{price}}},"TaxCodeRef":{"value":"NON"} } }
        """)!;

    private (string Entity, JsonNode Body)[] Templates() =>
    [
        ("customer", JsonNode.Parse("""
            {"DisplayName":"Fuzz Customer","GivenName":"Ada","FamilyName":"Lovelace","PrimaryEmailAddr":{"Address":"ada@example.com"},
             "BillAddr":{"Line1":"1 Main St","City":"Springfield","CountrySubDivisionCode":"CA","PostalCode":"94000"},"Notes":"n","Taxable":true}
            """)!),
        ("item", JsonNode.Parse("""
            {"Name":"Fuzz Item","Type":"Service","IncomeAccountRef":{"value":"1"},"UnitPrice":12.5,"Sku":"FZ-1","Taxable":false}
            """)!),
        ("salesreceipt", new JsonObject
        {
            ["CustomerRef"] = new JsonObject { ["value"] = customerId },
            ["TxnDate"] = "2026-03-01",
            ["DocNumber"] = "FZ-1",
            ["PrivateNote"] = "fuzz",
            ["Line"] = new JsonArray(Line(2, 10), Line(1, 3.5m), JsonNode.Parse("""{"Amount":1,"DetailType":"DiscountLineDetail","DiscountLineDetail":{"PercentBased":false}}""")),
        }),
        ("invoice", new JsonObject
        {
            ["CustomerRef"] = new JsonObject { ["value"] = customerId },
            ["TxnDate"] = "2026-03-01",
            ["DueDate"] = "2026-03-31",
            ["Line"] = new JsonArray(Line(3, 7)),
        }),
        ("payment", JsonNode.Parse($$$"""{"CustomerRef":{"value":"{{{customerId}}}"},"TotalAmt":5,"TxnDate":"2026-03-01"}""")!),
        ("refundreceipt", new JsonObject
        {
            ["CustomerRef"] = new JsonObject { ["value"] = customerId },
            ["DepositToAccountRef"] = new JsonObject { ["value"] = "1" },
            ["Line"] = new JsonArray(Line(1, 4)),
        }),
        ("account", JsonNode.Parse("""{"Name":"Fuzz Account","AccountType":"Income","OpeningBalance":1,"OpeningBalanceDate":"2026-01-01"}""")!),
        ("customer", JsonNode.Parse($$$"""{"Id":"{{{customerId}}}","SyncToken":"0","sparse":true,"DisplayName":"Fuzz Renamed"}""")!),
    ];

    private static readonly string[] Queries =
    [
        "select * from Customer where DisplayName = 'Fuzz Customer' maxresults 5",
        "select Id, DisplayName from Customer where Active in (true, false) order by DisplayName desc startposition 2 maxresults 10",
        "select count(*) from Item where Name like '%Fuzz%'",
        "select * from SalesReceipt where TxnDate >= '2026-01-01' and TotalAmt > '10.00'",
        "select * from Invoice where Id in ('1','2','3')",
        "select * from Account where MetaData.LastUpdatedTime > '2026-01-01T00:00:00-08:00'",
    ];

    public FuzzRequest Next(Random random)
    {
        var request = random.Next(10) switch
        {
            < 5 => Create(random),
            5 => Query(random, post: false),
            6 => Query(random, post: true),
            7 => Batch(random),
            8 => Read(random),
            _ => Cdc(random),
        };
        return request.WithOddHeaders(random);
    }

    private FuzzRequest Create(Random random)
    {
        var templates = Templates();
        var (entity, body) = templates[random.Next(templates.Length)];
        var query = random.Next(4) == 0 ? "?" + MalformedHttp.Query(random, "minorversion", "requestid", "operation", "include") : "?minorversion=75";
        return new FuzzRequest(HttpMethod.Post, Root + entity + query, MalformedJson.Mutate(body, random));
    }

    private string AQuery(Random random)
    {
        var text = Queries[random.Next(Queries.Length)];
        return random.Next(8) switch
        {
            0 => text[..random.Next(text.Length)],
            1 => text.Replace("5", MalformedJson.HugeNumbers[random.Next(MalformedJson.HugeNumbers.Length)], StringComparison.Ordinal)
                .Replace("10", "-3", StringComparison.Ordinal),
            2 => text.Replace("'Fuzz Customer'", "'\ud800'", StringComparison.Ordinal).Replace("'%Fuzz%'", "'%\udc00%'", StringComparison.Ordinal),
            3 => text + " " + new string('(', random.Next(1, 300)),
            4 => text.Replace("'", "", StringComparison.Ordinal),
            5 => text.Replace("Customer", "Custmoer", StringComparison.Ordinal).Replace("Item", "item where", StringComparison.Ordinal),
            6 => text.Replace("'10.00'", MalformedJson.HugeNumbers[random.Next(MalformedJson.HugeNumbers.Length)], StringComparison.Ordinal)
                .Replace("'2026-01-01'", "'2026-99-99'", StringComparison.Ordinal),
            _ => string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => " and Id = '1'").Prepend(text)),
        };
    }

    private FuzzRequest Query(Random random, bool post)
    {
        var query = AQuery(random);
        if (post)
        {
            return new FuzzRequest(HttpMethod.Post, Root + "query?minorversion=75", Encoding.UTF8.GetBytes(query), random.Next(3) == 0 ? "application/json" : "application/text");
        }

        var encoded = random.Next(5) == 0 ? MalformedHttp.QueryValue(random) : Uri.EscapeDataString(query);
        return new FuzzRequest(HttpMethod.Get, Root + "query?query=" + encoded + "&" + MalformedHttp.Query(random, "minorversion"), null, null);
    }

    private FuzzRequest Batch(Random random)
    {
        var templates = Templates();
        var items = new JsonArray();
        for (var i = 0; i < random.Next(1, 5); i++)
        {
            var (entity, body) = templates[random.Next(templates.Length)];
            var name = char.ToUpperInvariant(entity[0]) + entity[1..];
            items.Add(random.Next(3) == 0
                ? new JsonObject { ["bId"] = "q" + i, ["Query"] = Queries[random.Next(Queries.Length)] }
                : new JsonObject { ["bId"] = "b" + i, ["operation"] = random.Next(4) == 0 ? "update" : "create", [name] = body.DeepClone() });
        }

        var batch = new JsonObject { ["BatchItemRequest"] = items };
        return new FuzzRequest(HttpMethod.Post, Root + "batch?minorversion=75", MalformedJson.Mutate(batch, random));
    }

    private FuzzRequest Read(Random random)
    {
        var entity = random.Next(4) switch { 0 => "customer", 1 => "item", 2 => "invoice", _ => "companyinfo" };
        var id = random.Next(3) == 0 ? customerId : MalformedHttp.QueryValue(random);
        return new FuzzRequest(HttpMethod.Get, Root + entity + "/" + id + "?" + MalformedHttp.Query(random, "minorversion", "include"), null, null);
    }

    private FuzzRequest Cdc(Random random) =>
        new(HttpMethod.Get, Root + "cdc?" + MalformedHttp.Query(random, "entities", "changedSince", "minorversion")
            + (random.Next(2) == 0 ? "&entities=Customer,Item,,Nope&changedSince=2026-03-01T00:00:00-08:00" : ""), null, null);
}
