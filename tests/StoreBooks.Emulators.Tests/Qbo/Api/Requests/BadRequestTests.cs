using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Requests;

/// <summary>Malformed input gets QBO's faults, never a 500 of the emulator's own.</summary>
public sealed class BadRequestTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    private const string Unsupported = "Request has invalid or unsupported property";

    [Theory]
    [InlineData("{\"DisplayName\":")]
    [InlineData("{'DisplayName':'single quotes'}")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"DisplayName\":\"x\"} trailing")]
    public async Task Bodies_that_are_not_a_json_object_are_2010(string body)
    {
        using var api = emulator.Us();
        var error = (await api.PostText("customer", body)).AssertFault(HttpStatusCode.BadRequest, "2010", Unsupported);
        Assert.Equal("Property Name:failed to parse json object; a property specified is unsupported or invalid", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_body_is_2310()
    {
        using var api = emulator.Us();
        (await api.PostText("customer", "")).AssertFault(HttpStatusCode.BadRequest, "2310", "Error parsing object");
    }

    [Theory]
    [InlineData("{`Name`:`P`,`Type`:`Service`,`UnitPrice`:`abc`}", "java.math.BigDecimal from String value 'abc'")]
    [InlineData("{`Name`:`P`,`Type`:`Service`,`UnitPrice`:true}", "java.math.BigDecimal")]
    [InlineData("{`Name`:`P`,`Type`:`Service`,`Active`:`maybe`}", "java.lang.Boolean")]
    [InlineData("{`Name`:`P`,`Type`:`Service`,`IncomeAccountRef`:`1`}", "com.intuit.schema.finance.v3.ReferenceType")]
    [InlineData("{`Name`:{`first`:`P`},`Type`:`Service`}", "java.lang.String out of START_OBJECT")]
    [InlineData("{`Name`:`P`,`Type`:`Service`,`InvStartDate`:`2026-13-45`}", "java.util.Date")]
    [InlineData("{`Name`:`P`,`Type`:`Service`,`UnitPrice`:1e400}", "java.math.BigDecimal")]
    public async Task Values_of_the_wrong_type_are_2010_in_jacksons_words(string body, string detail)
    {
        using var api = emulator.Us();
        var error = (await api.PostText("item", body.Replace('`', '"'))).AssertFault(HttpStatusCode.BadRequest, "2010", Unsupported);
        Assert.Contains(detail, error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lines_must_be_an_array()
    {
        using var api = emulator.Us();
        var error = (await api.Post("salesreceipt", J("{`Line`:{`Amount`:1}}"))).AssertFault(HttpStatusCode.BadRequest, "2010", Unsupported);
        Assert.Contains("java.util.ArrayList out of START_OBJECT", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Numbers_sent_as_strings_and_strings_sent_as_numbers_are_coerced()
    {
        using var api = emulator.Us();
        var item = await api.Create("Item", J($"{{`Name`:`Coerced`,`Type`:`Service`,`UnitPrice`:`12.50`,`Sku`:12345,`IncomeAccountRef`:{{`value`:`{await Seed.AccountId(api, "Services")}`}}}}"));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, item["UnitPrice"]!.GetValueKind());
        Assert.Equal(12.5m, item["UnitPrice"]!.GetValue<decimal>());
        Assert.Equal("12345", item["Sku"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deep_nesting_and_long_strings_are_faults()
    {
        using var api = emulator.Us();
        var deep = new StringBuilder("{\"DisplayName\":\"x\",\"Notes\":");
        deep.Append(string.Concat(Enumerable.Repeat("[", 500))).Append(string.Concat(Enumerable.Repeat("]", 500))).Append('}');
        (await api.PostText("customer", deep.ToString())).AssertFault(HttpStatusCode.BadRequest, "2010", Unsupported);
        (await api.Post("customer", new JsonObject { ["DisplayName"] = new string('n', 600) })).AssertFault(HttpStatusCode.BadRequest, "2050", "String length is either shorter or longer than supported by specification");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        using var api = emulator.Us();
        var huge = "{\"DisplayName\":\"" + new string('h', 5 * 1024 * 1024) + "\"}";
        var answer = await api.PostText("customer", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("6030", answer.Code);
    }

    [Fact]
    public async Task Junk_in_every_field_of_a_sales_receipt_never_answers_500()
    {
        using var api = emulator.Us();
        var valid = J("{`TxnDate`:`2026-03-01`,`DocNumber`:`A1`,`CustomerRef`:{`value`:`1`},`PrivateNote`:`n`,`ApplyTaxAfterDiscount`:false,`Line`:[{`Amount`:10,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{`ItemRef`:{`value`:`1`},`Qty`:1,`UnitPrice`:10,`TaxCodeRef`:{`value`:`TAX`}}},{`DetailType`:`DiscountLineDetail`,`DiscountLineDetail`:{`PercentBased`:true,`DiscountPercent`:5}}],`TxnTaxDetail`:{`TotalTax`:1}}");
        JsonNode?[] junk = [JsonValue.Create("junk"), JsonValue.Create(-1), JsonValue.Create(1e20), new JsonObject(), new JsonArray(), JsonValue.Create(true), null, JsonValue.Create("")];
        var paths = Leaves(valid, "").ToList();
        var statuses = new HashSet<HttpStatusCode>();
        foreach (var path in paths)
        {
            foreach (var value in junk)
            {
                var body = valid.DeepClone().AsObject();
                Set(body, path, value?.DeepClone());
                var answer = await api.Post("salesreceipt", body);
                Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{path} = {value?.ToJsonString() ?? "null"}: {(int)answer.Status} {answer.Body.ToJsonString()}");
                Assert.True(answer.Body["Fault"] is not null || answer.Body["SalesReceipt"] is not null, answer.Body.ToJsonString());
                statuses.Add(answer.Status);
            }
        }

        Assert.True(paths.Count > 10);
        Assert.Contains(HttpStatusCode.BadRequest, statuses);
    }

    [Fact]
    public async Task A_realm_the_server_does_not_hold_is_refused_without_a_500()
    {
        using var api = emulator.Us();
        var answer = await api.Get("/v3/company/123/customer/1");
        Assert.True((int)answer.Status is >= 400 and < 500, answer.Body.ToJsonString());
    }

    private static IEnumerable<string> Leaves(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    foreach (var leaf in v is null ? [path + "/" + k] : Leaves(v, path + "/" + k))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var leaf in Leaves(a[i]!, path + "/" + i))
                    {
                        yield return leaf;
                    }
                }

                break;
            default:
                yield return path;
                break;
        }
    }

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Trim('/').Split('/');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = node is JsonArray arr ? arr[int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture)]! : node[parts[i]]!;
        }

        if (node is JsonArray array)
        {
            array[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            node[parts[^1]] = value;
        }
    }
}
