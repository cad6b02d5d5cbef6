using System.Globalization;
using System.Text.Json.Nodes;

namespace StoreBooks.Core.Messages;

/// <summary>
/// A message's arguments as JSON, for the state store: <c>{"sku": {"text": "ABC-1"}, "total": {"number": "12.3", "format": "0.00###"},
/// "at": {"message": {"code": "...", "text": "...", "args": {...}}}, "lines": {"list": [...], "separator": ", "},
/// "day": {"date": "2026-01-31", "format": "d MMMM yyyy"}}</c>.
/// </summary>
public static class SyncMessageJson
{
    public static string WriteArgs(SyncMessage message) => Args(message).ToJsonString();

    /// <summary>The message stored as <paramref name="code"/>, <paramref name="argsJson"/> and its English <paramref name="text"/>.</summary>
    public static SyncMessage Read(string? code, string? argsJson, string text)
    {
        if (code is null)
        {
            return SyncMessage.Untranslated(text);
        }

        var args = argsJson is null ? null : JsonNode.Parse(argsJson) as JsonObject;
        return new SyncMessage(code, ReadArgs(args), text);
    }

    private static JsonObject Args(SyncMessage message)
    {
        var args = new JsonObject();
        foreach (var (name, arg) in message.Args)
        {
            args[name] = Arg(arg);
        }

        return args;
    }

    private static JsonObject Message(SyncMessage message) => new()
    {
        ["code"] = message.Code,
        ["text"] = message.Text,
        ["args"] = Args(message),
    };

    private static JsonObject Arg(MessageArg arg) => arg switch
    {
        TextArg t => new JsonObject { ["text"] = t.Text },
        NumberArg n => new JsonObject { ["number"] = n.Value.ToString(CultureInfo.InvariantCulture), ["format"] = n.Format },
        DateArg d => new JsonObject { ["date"] = d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["format"] = d.Format },
        MessageValueArg m => new JsonObject { ["message"] = Message(m.Message) },
        ListArg l => new JsonObject { ["list"] = new JsonArray([.. l.Items.Select(i => (JsonNode)Arg(i))]), ["separator"] = l.Separator },
        _ => throw new NotSupportedException(arg.GetType().Name),
    };

    private static Dictionary<string, MessageArg> ReadArgs(JsonObject? json)
    {
        var args = new Dictionary<string, MessageArg>(StringComparer.Ordinal);
        foreach (var (name, node) in json ?? [])
        {
            if (node is JsonObject arg)
            {
                args[name] = ReadArg(arg);
            }
        }

        return args;
    }

    private static MessageArg ReadArg(JsonObject arg)
    {
        if (arg["message"] is JsonObject message)
        {
            return new MessageValueArg(new SyncMessage((string?)message["code"], ReadArgs(message["args"] as JsonObject), (string?)message["text"] ?? ""));
        }

        if (arg["number"] is { } number)
        {
            return new NumberArg(decimal.Parse((string)number!, NumberStyles.Number, CultureInfo.InvariantCulture), (string?)arg["format"] ?? "0");
        }

        if (arg["date"] is { } date)
        {
            return new DateArg(DateOnly.ParseExact((string)date!, "yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)arg["format"] ?? "yyyy-MM-dd");
        }

        if (arg["list"] is JsonArray list)
        {
            return new ListArg([.. list.OfType<JsonObject>().Select(ReadArg)], (string?)arg["separator"] ?? ", ");
        }

        return new TextArg((string?)arg["text"] ?? "");
    }
}
