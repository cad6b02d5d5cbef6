using System.Text;
using System.Text.Json;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Errors;

/// <summary>Real QBO faults (recorded sandbox traffic and SDK fixtures) parse into typed errors.</summary>
public sealed class QboFaultTests
{
    [Theory]
    [InlineData("qbo/faults/fault-6240-duplicate-name-customer.recorded.json", "6240", QboErrorKind.DuplicateName, "Duplicate Name Exists Error")]
    [InlineData("qbo/faults/fault-6240-duplicate-taxrate-name.json", "6240", QboErrorKind.DuplicateName, null)]
    [InlineData("qbo/faults/fault-3200-401-token-expired.recorded.json", "3200", QboErrorKind.Authentication, "message=AuthenticationFailed; errorCode=003200; statusCode=401")]
    [InlineData("qbo/faults/fault-2010-unsupported-property.recorded.json", "2010", QboErrorKind.Validation, "Request has invalid or unsupported property")]
    [InlineData("qbo/faults/fault-4001-invalid-query.recorded.json", "4001", QboErrorKind.Validation, "Invalid query")]
    [InlineData("qbo/faults/fault-2030-invalid-id.recorded.json", "2030", QboErrorKind.Validation, "Invalid ID")]
    [InlineData("qbo/faults/fault-500-unsupported-operation.recorded.json", "500", QboErrorKind.Validation, "Unsupported Operation")]
    [InlineData("qbo/faults/fault-6000-business-validation-attachable.recorded.json", "6000", QboErrorKind.BusinessRule, "A business validation error has occurred while processing your request")]
    public void Reads_real_faults_into_typed_errors(string fixture, string code, QboErrorKind kind, string? message)
    {
        var (status, body) = ReadResponse(fixture);
        var fault = FindFault(body);

        Assert.NotNull(fault);
        var first = fault!.Errors[0];
        Assert.Equal(code, first.Code);
        if (message is not null)
        {
            Assert.Equal(message, first.Message);
        }

        var exception = QboException.Create(QboErrorClassifier.Classify(status, first.NumericCode), "test call", status, fault, "1-abc");
        Assert.Equal(kind, exception.Kind);
        Assert.Contains("1-abc", exception.Message, StringComparison.Ordinal);
        Assert.Contains(first.Code!, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_401_lowercase_envelope_keeps_code_detail_and_type()
    {
        var (status, body) = ReadResponse("qbo/faults/fault-3200-401-token-expired.recorded.json");
        var fault = QboFaultReader.Read(body)!;

        Assert.Equal(401, status);
        Assert.Equal("AUTHENTICATION", fault.Type);
        Assert.Equal("3200", fault.Errors[0].Code);
        Assert.StartsWith("Token expired", fault.Errors[0].Detail, StringComparison.Ordinal);
        Assert.IsType<QboAuthenticationException>(QboException.Create(QboErrorClassifier.Classify(status, 3200), "read Customer", status, fault, null));
    }

    [Fact]
    public void The_element_is_kept()
    {
        var (_, body) = ReadResponse("qbo/faults/fault-2030-invalid-id.recorded.json");
        var fault = QboFaultReader.Read(body)!;

        Assert.Equal("Id", fault.Errors[0].Element);
        Assert.Contains("(field Id)", QboException.Create(QboErrorKind.Validation, "read Invoice", 400, fault, null).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 5010, QboErrorKind.StaleObject, typeof(QboStaleObjectException))]
    [InlineData(400, 610, QboErrorKind.NotFound, typeof(QboNotFoundException))]
    [InlineData(400, 2500, QboErrorKind.NotFound, typeof(QboNotFoundException))]
    [InlineData(400, 2020, QboErrorKind.Validation, typeof(QboValidationException))]
    [InlineData(400, 6140, QboErrorKind.BusinessRule, typeof(QboBusinessRuleException))]
    [InlineData(403, 3100, QboErrorKind.Authentication, typeof(QboAuthenticationException))]
    [InlineData(401, 120, QboErrorKind.Authentication, typeof(QboAuthenticationException))]
    [InlineData(429, 3001, QboErrorKind.Throttled, typeof(QboThrottledException))]
    [InlineData(429, null, QboErrorKind.Throttled, typeof(QboThrottledException))]
    [InlineData(500, 10000, QboErrorKind.System, typeof(QboSystemException))]
    [InlineData(503, null, QboErrorKind.System, typeof(QboSystemException))]
    public void Classifies_codes_and_statuses(int? status, int? code, QboErrorKind kind, Type exceptionType)
    {
        Assert.Equal(kind, QboErrorClassifier.Classify(status, code));
        Assert.IsType(exceptionType, QboException.Create(kind, "x", status, null, null));
    }

    [Fact]
    public void A_fault_inside_a_batch_item_is_read()
    {
        var (_, body) = ReadResponse("qbo/recorded-sandbox/batch-mixed-with-faults-610-5010.json");
        var items = body.GetProperty("BatchItemResponse").EnumerateArray().ToList();
        var stale = QboFaultReader.ReadFault(items[2].GetProperty("Fault"));

        Assert.Equal("ValidationFault", stale.Type);
        Assert.Equal(QboErrorKind.StaleObject, QboErrorClassifier.Classify(200, stale.Errors[0].NumericCode));
    }

    [Fact]
    public void A_body_that_is_not_json_has_no_fault()
    {
        Assert.Null(QboFaultReader.Read(Encoding.UTF8.GetBytes("<html>bad gateway</html>")));
        Assert.Null(QboFaultReader.Read(ReadOnlySpan<byte>.Empty));
    }

    internal static (int Status, JsonElement Body) ReadResponse(string fixture)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedFixtures.Path(fixture)));
        var root = document.RootElement;
        if (root.TryGetProperty("response", out var response))
        {
            return (response.GetProperty("status").GetInt32(), response.GetProperty("body").Clone());
        }

        return (400, root.Clone());
    }

    private static QboFault? FindFault(JsonElement body)
    {
        if (QboFaultReader.Read(body) is { } fault)
        {
            return fault;
        }

        // The attachable upload answers 200 with faults inside AttachableResponse items.
        if (body.TryGetProperty("AttachableResponse", out var items))
        {
            foreach (var item in items.EnumerateArray())
            {
                if (QboFaultReader.Read(item) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }
}
