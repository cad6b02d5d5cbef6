using System.Text.Json.Nodes;

namespace StoreBooks.Testing;

/// <summary>Reading <c>storebooks status --json</c>: the last run's counts and the open issues.</summary>
public static class StatusJson
{
    /// <summary>A count of the last run ("orders.posted", "orders.skipped", ...); 0 when absent.</summary>
    public static int Count(JsonNode status, string key) => status["runs"]![0]!["counts"]![key]?.GetValue<int>() ?? 0;

    /// <summary>The open issues of a store record.</summary>
    public static IReadOnlyList<(string Reference, string Message)> IssuesOf(JsonNode status, string sourceId) =>
        [.. (status["issues"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(i => (string?)i["sourceId"] == sourceId)
            .Select(i => ((string)i["reference"]!, (string)i["message"]!))];
}
