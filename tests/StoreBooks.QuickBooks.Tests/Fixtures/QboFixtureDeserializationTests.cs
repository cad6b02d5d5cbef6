using System.Text;
using System.Text.Json;
using StoreBooks.QuickBooks.Accounts;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Company;
using StoreBooks.QuickBooks.CreditMemos;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Invoices;
using StoreBooks.QuickBooks.Items;
using StoreBooks.QuickBooks.Json;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.QuickBooks.PaymentMethods;
using StoreBooks.QuickBooks.Payments;
using StoreBooks.QuickBooks.RefundReceipts;
using StoreBooks.QuickBooks.SalesReceipts;
using StoreBooks.QuickBooks.TaxCodes;
using StoreBooks.QuickBooks.TaxRates;
using StoreBooks.QuickBooks.Webhooks;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Fixtures;

/// <summary>
/// Every JSON file of <c>fixtures/qbo</c> (real QBO responses, faults, OAuth and webhook bodies) is read by the typed
/// model; each modelled entity is written back and must equal the original field for field (nothing lost or invented).
/// </summary>
public sealed class QboFixtureDeserializationTests
{
    private static readonly Dictionary<string, Type> Modelled = new(StringComparer.Ordinal)
    {
        ["Item"] = typeof(Item),
        ["Account"] = typeof(Account),
        ["Customer"] = typeof(Customer),
        ["SalesReceipt"] = typeof(SalesReceipt),
        ["Invoice"] = typeof(Invoice),
        ["Payment"] = typeof(Payment),
        ["RefundReceipt"] = typeof(RefundReceipt),
        ["CreditMemo"] = typeof(CreditMemo),
        ["Deposit"] = typeof(Deposit),
        ["TaxCode"] = typeof(TaxCode),
        ["TaxRate"] = typeof(TaxRate),
        ["PaymentMethod"] = typeof(PaymentMethod),
        ["Preferences"] = typeof(Preferences),
        ["CompanyInfo"] = typeof(CompanyInfo),
    };

    /// <summary>Entities in the fixtures that StoreBooks does not model (read as untyped JSON only).</summary>
    private static readonly HashSet<string> NotModelled = ["Vendor", "Employee", "Estimate"];

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var root = SharedFixtures.Directory;
        if (root is null)
        {
            data.Add("(fixtures absent)");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "qbo"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void The_fixture_set_is_all_there()
    {
        var files = Directory.EnumerateFiles(Path.Combine(SharedFixtures.RequireDirectory(), "qbo"), "*.json", SearchOption.AllDirectories).Count();

        Assert.Equal(43, files);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_the_fixture(string fixture)
    {
        var path = SharedFixtures.Path(fixture);
        var raw = File.ReadAllBytes(path);
        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement;
        var checkedSomething = 0;

        if (fixture.StartsWith("qbo/oauth/", StringComparison.Ordinal))
        {
            checkedSomething += ReadOAuth(fixture, root);
        }
        else if (fixture.StartsWith("qbo/webhooks/", StringComparison.Ordinal))
        {
            checkedSomething += ReadWebhook(root);
        }
        else
        {
            if (root.TryGetProperty("request", out var request) && request.TryGetProperty("body", out var requestBody) && requestBody.ValueKind == JsonValueKind.Object)
            {
                checkedSomething += ReadBody(requestBody);
            }

            var body = root.TryGetProperty("response", out var response) ? response.GetProperty("body") : root;
            checkedSomething += ReadBody(body);
        }

        Assert.True(checkedSomething > 0, $"{fixture}: nothing in it was recognised");
    }

    private static int ReadBody(JsonElement body)
    {
        var count = 0;
        if (QboFaultReader.Read(body) is { } fault)
        {
            Assert.NotEmpty(fault.Errors);
            Assert.All(fault.Errors, e => Assert.False(string.IsNullOrEmpty(e.Code)));
            return 1;
        }

        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "QueryResponse":
                    count += ReadQueryResponse(property.Value);
                    break;
                case "BatchItemResponse":
                case "BatchItemRequest":
                case "AttachableResponse":
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        count += ReadBody(item);
                    }

                    break;
                case "CDCResponse":
                    foreach (var block in property.Value.EnumerateArray())
                    {
                        foreach (var queryResponse in block.GetProperty("QueryResponse").EnumerateArray())
                        {
                            count += ReadQueryResponse(queryResponse);
                        }
                    }

                    break;
                default:
                    count += ReadEntity(property.Name, property.Value);
                    break;
            }
        }

        return count;
    }

    private static int ReadQueryResponse(JsonElement queryResponse)
    {
        var count = 1;
        foreach (var property in queryResponse.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var entity in property.Value.EnumerateArray())
                {
                    count += ReadEntity(property.Name, entity);
                }
            }
            else
            {
                Assert.Contains(property.Name, new[] { "startPosition", "maxResults", "totalCount" });
                Assert.True(property.Value.GetInt32() >= 0);
            }
        }

        return count;
    }

    private static int ReadEntity(string name, JsonElement element)
    {
        if (Modelled.TryGetValue(name, out var type))
        {
            var typeInfo = QboJsonContext.Default.GetTypeInfo(type)!;
            var entity = (QboEntity)element.Deserialize(typeInfo)!;
            Assert.False(entity.Id is null && element.TryGetProperty("Id", out _), $"{name}: Id was not read");
            var written = JsonSerializer.SerializeToElement(entity, typeInfo);
            JsonEquivalence.AssertSame(element, written, name);
            AssertMoneyIsDecimal(entity);
            return 1;
        }

        if (NotModelled.Contains(name))
        {
            Assert.Equal(JsonValueKind.Object, element.ValueKind);
            return 1;
        }

        // Envelope fields around entities (time, bId, warnings...).
        return 0;
    }

    private static void AssertMoneyIsDecimal(QboEntity entity)
    {
        foreach (var property in entity.GetType().GetProperties())
        {
            Assert.NotEqual(typeof(double), Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            Assert.NotEqual(typeof(float), Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
        }
    }

    private static int ReadOAuth(string fixture, JsonElement root)
    {
        if (fixture.EndsWith("discovery-document.json", StringComparison.Ordinal))
        {
            var endpoints = root.Deserialize(QboJsonContext.Default.QboOAuthEndpoints)!;
            Assert.Equal("/oauth2/v1/tokens/bearer", endpoints.TokenEndpoint.AbsolutePath);
            Assert.Equal("/connect/oauth2", endpoints.AuthorizationEndpoint.AbsolutePath);
            Assert.Equal("/v2/oauth2/tokens/revoke", endpoints.RevocationEndpoint.AbsolutePath);
            return 1;
        }

        if (fixture.EndsWith("token-response-success.json", StringComparison.Ordinal))
        {
            var token = root.Deserialize(QboJsonContext.Default.QboTokenResponse)!;
            Assert.Equal(3600, token.ExpiresIn);
            Assert.Equal(15552000, token.RefreshTokenExpiresIn);
            Assert.False(string.IsNullOrEmpty(token.RefreshToken));
            return 1;
        }

        var error = root.Deserialize(QboJsonContext.Default.QboOAuthErrorResponse)!;
        Assert.Equal("error", error.Error);
        Assert.Equal("error_description", error.ErrorDescription);
        return 1;
    }

    private static int ReadWebhook(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            var events = QboWebhookReader.ReadCloudEvents(Encoding.UTF8.GetBytes(root.GetRawText()));
            Assert.NotEmpty(events);
            Assert.All(events, e => Assert.StartsWith("qbo.", e.Type, StringComparison.Ordinal));
            Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.IntuitAccountId)));
            return 1;
        }

        var rawBody = root.GetProperty("rawBody").GetString()!;
        var bytes = Encoding.UTF8.GetBytes(rawBody);
        var verifier = root.GetProperty("verifierToken").GetString()!;
        var signature = root.GetProperty("intuitSignatureHeader").GetString()!;
        Assert.True(QboWebhookReader.HasValidSignature(bytes, signature, verifier));
        Assert.False(QboWebhookReader.HasValidSignature(bytes, signature, verifier + "x"));
        Assert.False(QboWebhookReader.HasValidSignature(Encoding.UTF8.GetBytes(rawBody + " "), signature, verifier));
        var payload = QboWebhookReader.ReadLegacy(bytes);
        var entities = payload.EventNotifications!.SelectMany(n => n.DataChangeEvent!.Entities!).ToList();
        Assert.Contains(entities, e => e is { Name: "Customer", Id: "43", Operation: "Create" });
        return 1;
    }
}
