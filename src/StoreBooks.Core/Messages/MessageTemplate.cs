using System.Text;
using System.Text.RegularExpressions;

namespace StoreBooks.Core.Messages;

/// <summary>
/// One kind of message a sync says to the merchant: a stable code ("order.line.no-sku") and its English text with named
/// placeholders ("{at}: the product has no SKU..."). The dashboard keeps the French text of each code (same placeholders).
/// </summary>
public sealed partial class MessageTemplate
{
    public MessageTemplate(string code, string english)
    {
        Code = code;
        English = english;
        Placeholders = PlaceholdersOf(english);
    }

    public string Code { get; }

    public string English { get; }

    /// <summary>The names of the placeholders, in order of first appearance.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>The message with these arguments (one for each placeholder, no more, no fewer).</summary>
    public SyncMessage With(params (string Name, MessageArg Value)[] args)
    {
        var byName = new Dictionary<string, MessageArg>(StringComparer.Ordinal);
        foreach (var (name, value) in args)
        {
            if (!byName.TryAdd(name, value))
            {
                throw new ArgumentException($"Message {Code}: argument {name} given twice.", nameof(args));
            }
        }

        var missing = Placeholders.Except(byName.Keys).ToList();
        var extra = byName.Keys.Except(Placeholders).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new ArgumentException($"Message {Code}: missing {string.Join(", ", missing)}; unknown {string.Join(", ", extra)}.", nameof(args));
        }

        return new SyncMessage(Code, byName, Fill(English, name => byName[name].English()));
    }

    /// <summary>The placeholder names of <paramref name="template"/> ("{at}", "{amount}"), in order of first appearance.</summary>
    public static IReadOnlyList<string> PlaceholdersOf(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary><paramref name="template"/> with each placeholder replaced by <paramref name="value"/> of its name.</summary>
    public static string Fill(string template, Func<string, string> value)
    {
        var text = new StringBuilder(template.Length + 64);
        var at = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            text.Append(template, at, match.Index - at).Append(value(match.Groups["name"].Value));
            at = match.Index + match.Length;
        }

        return text.Append(template, at, template.Length - at).ToString();
    }

    public override string ToString() => Code;

    [GeneratedRegex(@"\{(?<name>[a-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();
}
