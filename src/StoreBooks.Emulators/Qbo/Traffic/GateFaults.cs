using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.OAuth;

namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>The fault bodies the gate answers with, in the shapes QBO uses for them (qbo-api.md §1.6 and rule 37).</summary>
internal static class GateFaults
{
    /// <summary>401: QBO's lowercase envelope, as recorded for an expired token.</summary>
    public static JsonObject Unauthorized(TokenCheckOutcome outcome, string? token, DateTimeOffset now)
    {
        var shown = token is null ? "" : token[..Math.Min(token.Length, 13)];
        var detail = outcome switch
        {
            TokenCheckOutcome.Missing => "Authorization header missing: send Authorization: Bearer <access token>",
            TokenCheckOutcome.Expired => $"Token expired: {shown}",
            TokenCheckOutcome.Revoked => $"Token revoked: {shown}",
            _ => $"Token invalid: {shown}",
        };
        return new JsonObject
        {
            ["warnings"] = null,
            ["intuitObject"] = null,
            ["fault"] = new JsonObject
            {
                ["error"] = new JsonArray(new JsonObject
                {
                    ["message"] = "message=AuthenticationFailed; errorCode=003200; statusCode=401",
                    ["detail"] = detail,
                    ["code"] = "3200",
                    ["element"] = null,
                }),
                ["type"] = "AUTHENTICATION",
            },
            ["report"] = null,
            ["queryResponse"] = null,
            ["batchItemResponse"] = new JsonArray(),
            ["attachableResponse"] = new JsonArray(),
            ["syncErrorResponse"] = null,
            ["requestId"] = null,
            ["time"] = now.ToUnixTimeMilliseconds(),
            ["status"] = null,
            ["cdcresponse"] = new JsonArray(),
        };
    }

    /// <summary>403 for a token of another realm: QBO's AuthorizationFault 3100 (shape inferred from the standard fault).</summary>
    public static JsonObject WrongRealm(string tokenRealm, string pathRealm, DateTimeOffset now) => Standard(
        "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
        $"The access token was issued for realm {tokenRealm}, not {pathRealm}: connect the app to that company to get its own tokens.",
        "3100",
        "AuthorizationFault",
        now);

    /// <summary>429 ThrottleExceeded (the JSON rendering of QBO's recorded XML fault).</summary>
    public static JsonObject Throttled(DateTimeOffset now) => Standard(
        "message=ThrottleExceeded; errorCode=003001; statusCode=429",
        "The request limit was reached.  Try again later",
        "3001",
        "SERVICE",
        now);

    /// <summary>500/503 SystemFault, code 10000.</summary>
    public static JsonObject SystemFault(DateTimeOffset now) => Standard(
        "An application error has occurred while processing your request",
        "System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again. If the problem persists, contact customer support.",
        "10000",
        "SystemFault",
        now);

    private static JsonObject Standard(string message, string detail, string code, string type, DateTimeOffset now) => new()
    {
        ["Fault"] = new JsonObject
        {
            ["Error"] = new JsonArray(new JsonObject { ["Message"] = message, ["Detail"] = detail, ["code"] = code }),
            ["type"] = type,
        },
        ["time"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
    };
}
