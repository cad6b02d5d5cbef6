using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Qbo.Api.Faults;

/// <summary>One entry of a QBO <c>Fault.Error</c> array. <see cref="Element"/> null leaves the key out, as many real faults do.</summary>
internal sealed record QboError(string Message, string Detail, string Code, string? Element = null);

/// <summary>
/// A QBO fault: HTTP status, <c>Fault.type</c> and its errors, written as
/// <c>{"Fault":{"Error":[…],"type":"ValidationFault"},"time":…}</c>.
/// </summary>
internal sealed record QboFault(int Status, IReadOnlyList<QboError> Errors, string Type = "ValidationFault", bool IncludeTime = true)
{
    public QboFault(int status, QboError error, string type = "ValidationFault", bool includeTime = true)
        : this(status, [error], type, includeTime)
    {
    }

    public string Code => Errors[0].Code;

    /// <summary>The <c>Fault</c> object alone (what a batch item carries).</summary>
    public JsonObject FaultObject()
    {
        var errors = new JsonArray();
        foreach (var e in Errors)
        {
            var o = new JsonObject { ["Message"] = e.Message, ["Detail"] = e.Detail, ["code"] = e.Code };
            if (e.Element is not null)
            {
                o["element"] = e.Element;
            }

            errors.Add(o);
        }

        return new JsonObject { ["Error"] = errors, ["type"] = Type };
    }

    /// <summary>The whole response body.</summary>
    public JsonObject Body(string time)
    {
        var body = new JsonObject { ["Fault"] = FaultObject() };
        if (IncludeTime)
        {
            body["time"] = time;
        }

        return body;
    }
}

/// <summary>Raised deep inside validation and turned into QBO's response by the endpoint (or a batch item's Fault).</summary>
internal sealed class QboFaultException(QboFault fault) : Exception(fault.Errors[0].Message + ": " + fault.Errors[0].Detail)
{
    public QboFault Fault { get; } = fault;
}
