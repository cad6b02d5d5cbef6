using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Conformance;

/// <summary>
/// Replays the real faults in <c>fixtures/qbo/faults</c> (the 401 and throttle ones belong to the traffic gate): same status,
/// same envelope shape, same code and Message (and Detail where QBO's wording does not depend on its own servers).
/// </summary>
public sealed class RecordedFaultTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    private static readonly ShapeOptions WithDetail = new() { ValueKeys = new HashSet<string>(ShapeOptions.DefaultValueKeys) { "Detail" } };

    [Fact]
    public async Task Unknown_property_is_2010_naming_the_field_and_the_intuit_class()
    {
        var x = Recorded.Load("faults/fault-2010-unsupported-property.recorded.json");
        using var api = emulator.Sandbox();

        var answer = await api.Post(x.Relative, x.RequestBody!);

        Assert.Equal(x.Status, (int)answer.Status);
        JsonShape.AssertSame(x.Response, answer.Body);
        var detail = answer.Error["Detail"]!.GetValue<string>();
        Assert.StartsWith("Property Name:Unrecognized field \"BadJson\" (class com.intuit.schema.finance.v3.Invoice), not marked as ignorable (", detail);
        Assert.EndsWith(" specified is unsupported or invalid", detail);
    }

    [Fact]
    public async Task Non_numeric_id_is_2030_without_a_time()
    {
        var x = Recorded.Load("faults/fault-2030-invalid-id.recorded.json");
        using var api = emulator.Sandbox();

        var answer = await api.Get(x.Relative);

        Assert.Equal(x.Status, (int)answer.Status);
        JsonShape.AssertSame(x.Response, answer.Body, WithDetail);
    }

    [Fact]
    public async Task Misspelt_entity_in_a_query_is_4001_invalid_context_declaration()
    {
        var x = Recorded.Load("faults/fault-4001-invalid-query.recorded.json");
        using var api = emulator.Sandbox();

        var answer = await api.Get(x.Relative);

        Assert.Equal(x.Status, (int)answer.Status);
        JsonShape.AssertSame(x.Response, answer.Body, WithDetail);
    }

    [Fact]
    public async Task Unknown_path_is_400_code_500_unsupported_operation()
    {
        var x = Recorded.Load("faults/fault-500-unsupported-operation.recorded.json");
        using var api = emulator.Sandbox();

        var answer = await api.Get(x.Relative);

        Assert.Equal(x.Status, (int)answer.Status);
        JsonShape.AssertSame(x.Response, answer.Body);
        Assert.Equal(
            $"Operation Could not find resource for relative : /v3/company/{api.RealmId}/customer/1/5 of full path: {new Uri(api.Http.BaseAddress!, $"v3/company/{api.RealmId}/customer/1/5")} is not supported.",
            answer.Error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Duplicate_customer_name_is_6240()
    {
        var x = Recorded.Load("faults/fault-6240-duplicate-name-customer.recorded.json");
        using var api = emulator.Sandbox();
        await api.Create("Customer", x.RequestBody!.DeepClone());

        var answer = await api.Post(x.Relative, x.RequestBody!);

        Assert.Equal(x.Status, (int)answer.Status);
        JsonShape.AssertSame(x.Response, answer.Body, WithDetail);
    }

    [Fact]
    public async Task Duplicate_tax_rate_name_is_6240_in_the_tax_services_words()
    {
        var x = Recorded.Load("faults/fault-6240-duplicate-taxrate-name.json");
        using var api = emulator.Sandbox();
        var agency = await api.Create("TaxAgency", J("{`DisplayName`:`Board of Equalization`}"));
        var first = await api.Post("taxservice/taxcode", J($"{{`TaxCode`:`California`,`TaxRateDetails`:[{{`TaxRateName`:`California`,`RateValue`:8,`TaxAgencyId`:`{agency["Id"]}`}}]}}"));
        Assert.Equal(HttpStatusCode.OK, first.Status);

        var answer = await api.Post("taxservice/taxcode", J($"{{`TaxCode`:`California 2`,`TaxRateDetails`:[{{`TaxRateName`:`California`,`RateValue`:8.25,`TaxAgencyId`:`{agency["Id"]}`}}]}}"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        JsonShape.AssertSame(x.Response, answer.Body, WithDetail);
    }

    [Fact]
    public async Task Upload_linking_a_missing_estimate_is_6000_inside_a_200()
    {
        var x = Recorded.Load("faults/fault-6000-business-validation-attachable.recorded.json");
        using var api = emulator.Sandbox();
        var raw = Encoding.UTF8.GetBytes(File.ReadAllText(StoreBooks.Testing.SharedFixtures.Path("qbo/faults/fault-6000-business-validation-attachable.recorded.json")));
        var recordedBody = JsonNode.Parse(raw)!["request"]!["body"]!.GetValue<string>();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(recordedBody));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=-----------RubyMultipartPost-d3ad65a17827740101595c352237da99");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v3/company/{api.RealmId}/{x.Relative}") { Content = content };

        using var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonShape.AssertSame(x.Response, body, WithDetail);
    }
}
