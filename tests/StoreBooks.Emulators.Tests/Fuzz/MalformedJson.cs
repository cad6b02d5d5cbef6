using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Tests.Fuzz;

/// <summary>
/// Turns a valid JSON document into a malformed one, the way a broken client or a hostile sender would: a value of the wrong
/// type, a number no decimal holds, a lone UTF-16 surrogate, nesting deeper than any parser allows, or text that is no longer
/// JSON at all (cut short, a byte dropped, invalid UTF-8). Everything is drawn from the <see cref="Random"/> given.
/// </summary>
public static class MalformedJson
{
    /// <summary>JSON tokens no .NET decimal (or double) holds, or holds only at the edge.</summary>
    public static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "1e-400", "99999999999999999999999999999999", "-99999999999999999999999999999999",
        "79228162514264337593543950336", "79228162514264337593543950335", "7.9228162514264337593543950335E+28",
        "0.00000000000000000000000000000001", "1E+28", "-0", "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309",
        "123456789012345678901234567890.5", "4294967296", "2147483648",
    ];

    /// <summary>JSON string tokens (quotes included) that decode to invalid UTF-16.</summary>
    public static readonly string[] BadSurrogates =
    [
        "\"\\ud800\"", "\"\\udc00\"", "\"ab\\udbffcd\"", "\"\\ud800\\ud800\"", "\"\\udfff\\ud800\"", "\"x\\uDBFF\"",
    ];

    private static readonly string[] OddStrings =
    [
        "", " ", "a:b", "tab\there", "line\nbreak", "\u0000", "\u202e\u0301", "😀🏳️‍🌈", "' OR 1=1 --", "%00", "../../etc/passwd",
        "<script>", "NaN", "Infinity", "-", "2026-13-45", "9999-12-31T23:59:59Z", "0000-00-00", "true", "null", "1e400",
    ];

    private const string RawMarker = "\u0001raw";

    /// <summary>The document, malformed one of many ways.</summary>
    public static byte[] Mutate(JsonNode document, Random random)
    {
        var choice = random.Next(100);
        return choice switch
        {
            < 45 => Encode(ReplaceValues(document, random, 1 + random.Next(3))),
            < 55 => Encode(DeepNesting(document, random)),
            < 80 => TextDamage(Encoding.UTF8.GetBytes(ReplaceValues(document, random, random.Next(2))), random),
            < 85 => Encoding.UTF8.GetBytes(Nested(random, 60 + random.Next(200))),
            _ => Encoding.UTF8.GetBytes(Garbage(random)),
        };
    }

    /// <summary>A value that is not what the field holds (a raw token in the returned text where no node can carry it).</summary>
    public static string RandomValueToken(Random random) => random.Next(12) switch
    {
        0 => HugeNumbers[random.Next(HugeNumbers.Length)],
        1 => BadSurrogates[random.Next(BadSurrogates.Length)],
        2 => JsonValue.Create(OddStrings[random.Next(OddStrings.Length)]).ToJsonString(),
        3 => "\"" + new string('x', 1 + random.Next(5000)) + "\"",
        4 => random.Next(2) == 0 ? "true" : "false",
        5 => "null",
        6 => "[]",
        7 => "{}",
        8 => "[" + HugeNumbers[random.Next(HugeNumbers.Length)] + "," + BadSurrogates[random.Next(BadSurrogates.Length)] + "]",
        9 => "{\"value\":" + HugeNumbers[random.Next(HugeNumbers.Length)] + "}",
        10 => Nested(random, 10 + random.Next(80)),
        _ => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Replaces <paramref name="count"/> values of a copy of the document, anywhere in it, with odd ones.</summary>
    private static string ReplaceValues(JsonNode document, Random random, int count)
    {
        var copy = document.DeepClone();
        var raws = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var slots = Slots(copy).ToList();
            if (slots.Count == 0)
            {
                break;
            }

            var (parent, key, index) = slots[random.Next(slots.Count)];
            JsonNode marker = JsonValue.Create(RawMarker + raws.Count.ToString(CultureInfo.InvariantCulture))!;
            raws.Add(RandomValueToken(random));
            if (parent is JsonObject obj)
            {
                obj[key!] = marker;
            }
            else if (parent is JsonArray arr)
            {
                arr[index] = marker;
            }
        }

        if (random.Next(6) == 0 && copy is JsonObject root)
        {
            root["unexpected" + random.Next(10).ToString(CultureInfo.InvariantCulture)] = JsonValue.Create(RawMarker + raws.Count.ToString(CultureInfo.InvariantCulture));
            raws.Add(RandomValueToken(random));
        }

        var text = copy.ToJsonString();
        for (var i = 0; i < raws.Count; i++)
        {
            text = text.Replace("\"" + EscapedMarker + i.ToString(CultureInfo.InvariantCulture) + "\"", raws[i], StringComparison.Ordinal);
        }

        return text;
    }

    private static readonly string EscapedMarker = JsonValue.Create(RawMarker).ToJsonString().Trim('"');

    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    yield return (obj, key, -1);
                    if (child is not null)
                    {
                        foreach (var s in Slots(child))
                        {
                            yield return s;
                        }
                    }
                }

                break;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    yield return (arr, null, i);
                    if (arr[i] is { } child)
                    {
                        foreach (var s in Slots(child))
                        {
                            yield return s;
                        }
                    }
                }

                break;
        }
    }

    /// <summary>The document with one of its values buried 64 to 300 arrays or objects deep.</summary>
    private static string DeepNesting(JsonNode document, Random random)
    {
        var depth = 60 + random.Next(240);
        var copy = document.DeepClone();
        var slots = Slots(copy).ToList();
        if (slots.Count == 0)
        {
            return Nested(random, depth);
        }

        var (parent, key, index) = slots[random.Next(slots.Count)];
        var marker = JsonValue.Create(RawMarker + "0");
        if (parent is JsonObject obj)
        {
            obj[key!] = marker;
        }
        else
        {
            ((JsonArray)parent)[index] = marker;
        }

        return copy.ToJsonString().Replace("\"" + EscapedMarker + "0\"", Nested(random, depth), StringComparison.Ordinal);
    }

    public static string Nested(Random random, int depth)
    {
        var objects = random.Next(2) == 0;
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append(objects ? "{\"a\":" : "[");
        }

        text.Append('1');
        for (var i = 0; i < depth; i++)
        {
            text.Append(objects ? '}' : ']');
        }

        return text.ToString();
    }

    private static byte[] TextDamage(byte[] text, Random random)
    {
        var bytes = new List<byte>(text);
        switch (random.Next(7))
        {
            case 0 when bytes.Count > 1:
                return [.. bytes.Take(random.Next(bytes.Count))];
            case 1 when bytes.Count > 1:
                bytes.RemoveAt(random.Next(bytes.Count));
                break;
            case 2:
                bytes.Insert(random.Next(bytes.Count + 1), (byte)"{}[],:\"\\"[random.Next(8)]);
                break;
            case 3:
                bytes.InsertRange(random.Next(bytes.Count + 1), random.Next(3) switch
                {
                    0 => new byte[] { 0xC3, 0x28 },
                    1 => new byte[] { 0xFF, 0xFE },
                    _ => new byte[] { 0xED, 0xA0, 0x80 },
                });
                break;
            case 4:
                bytes.InsertRange(0, new byte[] { 0xEF, 0xBB, 0xBF });
                break;
            case 5:
                bytes.AddRange(Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "," : "}{\"x\":1}"));
                break;
            default:
                var at = random.Next(bytes.Count + 1);
                bytes.InsertRange(at, Encoding.UTF8.GetBytes("/* c */"));
                break;
        }

        return [.. bytes];
    }

    private static string Garbage(Random random) => random.Next(10) switch
    {
        0 => "",
        1 => "null",
        2 => "[]",
        3 => "\"just a string\"",
        4 => HugeNumbers[random.Next(HugeNumbers.Length)],
        5 => BadSurrogates[random.Next(BadSurrogates.Length)],
        6 => "{\"a\":1,\"a\":2}",
        7 => "<xml/>",
        8 => "{'single':'quotes'}",
        _ => new string((char)random.Next(32, 127), random.Next(1, 40)),
    };

    private static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);
}
