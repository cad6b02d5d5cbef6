using System.Globalization;

namespace StoreBooks.Core.Messages;

/// <summary>
/// A message for the merchant: the code of its <see cref="MessageTemplate"/>, the arguments that fill it, and its English text.
/// A message without a code (<see cref="Untranslated"/>) is shown as its text in every language.
/// </summary>
public sealed record SyncMessage(string? Code, IReadOnlyDictionary<string, MessageArg> Args, string Text)
{
    private static readonly IReadOnlyDictionary<string, MessageArg> NoArgs = new Dictionary<string, MessageArg>();

    /// <summary>A message that has no template yet: its English text everywhere.</summary>
    public static SyncMessage Untranslated(string text) => new(null, NoArgs, text);

    /// <summary>The messages one after another, separated by a space (as an issue lists an order's problems).</summary>
    public static SyncMessage Join(IReadOnlyList<SyncMessage> parts) =>
        parts.Count == 1 ? parts[0] : CommonMessages.Joined.With(("parts", MessageArg.List(parts.Select(p => (MessageArg)p), " ")));

    /// <summary>
    /// The message in another language: <paramref name="template"/> gives that language's text for a code (null when it has
    /// none, and then this message's English text is kept); numbers follow <paramref name="culture"/>.
    /// </summary>
    public string Render(Func<string, string?> template, CultureInfo culture)
    {
        if (Code is null || template(Code) is not { } text)
        {
            return Text;
        }

        return MessageTemplate.Fill(text, name => Args.TryGetValue(name, out var arg) ? arg.Render(culture, m => m.Render(template, culture)) : "{" + name + "}");
    }

    public override string ToString() => Text;
}
