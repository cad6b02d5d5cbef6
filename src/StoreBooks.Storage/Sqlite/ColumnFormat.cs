using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Messages;
using StoreBooks.Core.State;

namespace StoreBooks.Storage.Sqlite;

/// <summary>
/// How values are written to columns: times as fixed-width UTC ISO-8601 text (text order is time order, every tick kept),
/// ids as lower-case GUID text, enums as snake_case words a person can read in the database.
/// </summary>
internal static class ColumnFormat
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None), DateTimeKind.Utc));

    public static string Id(Guid value) => value.ToString("D");

    public static string Kind(LinkKind kind) => kind switch
    {
        LinkKind.Item => "item",
        LinkKind.Customer => "customer",
        LinkKind.Sale => "sale",
        LinkKind.Payment => "payment",
        LinkKind.Refund => "refund",
        LinkKind.Account => "account",
        LinkKind.PaymentMethod => "payment-method",
        LinkKind.Payout => "payout",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown link kind."),
    };

    public static LinkKind ParseKind(string text) => text switch
    {
        "item" => LinkKind.Item,
        "customer" => LinkKind.Customer,
        "sale" => LinkKind.Sale,
        "payment" => LinkKind.Payment,
        "refund" => LinkKind.Refund,
        "account" => LinkKind.Account,
        "payment-method" => LinkKind.PaymentMethod,
        "payout" => LinkKind.Payout,
        _ => throw new InvalidDataException($"Unknown link kind \"{text}\" in the state store."),
    };

    public static string State(LinkState state) => state switch
    {
        LinkState.Pending => "pending",
        LinkState.Done => "done",
        LinkState.Failed => "failed",
        LinkState.Waiting => "waiting",
        LinkState.Skipped => "skipped",
        LinkState.NotDue => "not_due",
        LinkState.Dismissed => "dismissed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown link state."),
    };

    public static LinkState ParseState(string text) => text switch
    {
        "pending" => LinkState.Pending,
        "done" => LinkState.Done,
        "failed" => LinkState.Failed,
        "waiting" => LinkState.Waiting,
        "skipped" => LinkState.Skipped,
        "not_due" => LinkState.NotDue,
        "dismissed" => LinkState.Dismissed,
        _ => throw new InvalidDataException($"Unknown link state \"{text}\" in the state store."),
    };

    public static string Outcome(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Running => "running",
        RunOutcome.Succeeded => "succeeded",
        RunOutcome.NeedsAttention => "needs_attention",
        RunOutcome.Failed => "failed",
        RunOutcome.Abandoned => "abandoned",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown run outcome."),
    };

    public static RunOutcome ParseOutcome(string text) => text switch
    {
        "running" => RunOutcome.Running,
        "succeeded" => RunOutcome.Succeeded,
        "needs_attention" => RunOutcome.NeedsAttention,
        "failed" => RunOutcome.Failed,
        "abandoned" => RunOutcome.Abandoned,
        _ => throw new InvalidDataException($"Unknown run outcome \"{text}\" in the state store."),
    };

    public static string Json(JsonObject value) => value.ToJsonString();

    public static JsonObject ParseJsonObject(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException("A JSON column of the state store does not hold an object.");

    /// <summary>A link's warnings as a JSON array; null when there are none.</summary>
    public static string? Warnings(IReadOnlyList<string> warnings) => warnings.Count == 0 ? null : JsonSerializer.Serialize(warnings);

    public static IReadOnlyList<string> ParseWarnings(string? text) =>
        string.IsNullOrEmpty(text) ? [] : JsonSerializer.Deserialize<List<string>>(text) ?? [];

    /// <summary>
    /// The codes and arguments of a link's warnings as a JSON array, one entry per warning (null for one without a code); null when
    /// no warning has a code (or the details are not those of its warnings).
    /// </summary>
    public static string? WarningCodes(Link link)
    {
        var details = link.WarningDetails;
        if (details.Count != link.Warnings.Count || details.All(d => d.Code is null)
            || !details.Select(d => d.Text).SequenceEqual(link.Warnings, StringComparer.Ordinal))
        {
            return null;
        }

        var codes = new JsonArray();
        foreach (var detail in details)
        {
            codes.Add(detail.Code is null ? null : new JsonObject { ["code"] = detail.Code, ["args"] = JsonNode.Parse(SyncMessageJson.WriteArgs(detail)) });
        }

        return codes.ToJsonString();
    }

    /// <summary>The warnings as messages: each with its code and arguments when <paramref name="codes"/> has them, else its English text.</summary>
    public static IReadOnlyList<SyncMessage> ParseWarningCodes(string? codes, IReadOnlyList<string> warnings)
    {
        if (string.IsNullOrEmpty(codes) || JsonNode.Parse(codes) is not JsonArray entries || entries.Count != warnings.Count)
        {
            return [.. warnings.Select(SyncMessage.Untranslated)];
        }

        return [.. warnings.Select((text, i) => entries[i] is JsonObject entry
            ? SyncMessageJson.Read((string?)entry["code"], entry["args"]?.ToJsonString(), text)
            : SyncMessage.Untranslated(text))];
    }

    public static string Counts(IReadOnlyDictionary<string, int> counts) => JsonSerializer.Serialize(counts);

    public static IReadOnlyDictionary<string, int> ParseCounts(string text) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(text) ?? [];
}
