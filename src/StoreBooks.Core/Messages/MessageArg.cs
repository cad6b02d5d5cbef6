using System.Globalization;

namespace StoreBooks.Core.Messages;

/// <summary>What fills a placeholder of a message: text as it is, a number, another message, or a list of them.</summary>
public abstract record MessageArg
{
    /// <summary>The argument in English, exactly as the message has always written it.</summary>
    public abstract string English();

    /// <summary>
    /// The argument in <paramref name="culture"/>: numbers with its decimal separator, messages through
    /// <paramref name="message"/> (which knows the language's templates); text as it is.
    /// </summary>
    public abstract string Render(CultureInfo culture, Func<SyncMessage, string> message);

    /// <summary>A number written with a .NET format ("0.00###" for amounts as messages show them).</summary>
    public static MessageArg Number(decimal value, string format = "0.##########") => new NumberArg(value, format);

    public static MessageArg List(IEnumerable<MessageArg> items, string separator) => new ListArg([.. items], separator);

    public static implicit operator MessageArg(string text) => new TextArg(text);

    public static implicit operator MessageArg(SyncMessage message) => new MessageValueArg(message);

    public static implicit operator MessageArg(int value) => new NumberArg(value, "0");
}

/// <summary>Text written the same in every language: a SKU, a name, QuickBooks' own words.</summary>
public sealed record TextArg(string Text) : MessageArg
{
    public override string English() => Text;

    public override string Render(CultureInfo culture, Func<SyncMessage, string> message) => Text;
}

/// <summary>A number (an amount, a count) in the given format; English uses the invariant culture, as messages always have.</summary>
public sealed record NumberArg(decimal Value, string Format) : MessageArg
{
    public override string English() => Value.ToString(Format, CultureInfo.InvariantCulture);

    public override string Render(CultureInfo culture, Func<SyncMessage, string> message) => Value.ToString(Format, culture);
}

/// <summary>A message within a message: "order #1043, line 2 (SKU ABC-1)" in "{at}: the product has no SKU".</summary>
public sealed record MessageValueArg(SyncMessage Message) : MessageArg
{
    public override string English() => Message.Text;

    public override string Render(CultureInfo culture, Func<SyncMessage, string> message) => message(Message);
}

/// <summary>Arguments written one after the other with a separator ("line 2, line 3").</summary>
public sealed record ListArg(IReadOnlyList<MessageArg> Items, string Separator) : MessageArg
{
    public override string English() => string.Join(Separator, Items.Select(i => i.English()));

    public override string Render(CultureInfo culture, Func<SyncMessage, string> message) =>
        string.Join(Separator, Items.Select(i => i.Render(culture, message)));
}
