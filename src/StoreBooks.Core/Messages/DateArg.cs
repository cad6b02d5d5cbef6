using System.Globalization;

namespace StoreBooks.Core.Messages;

/// <summary>
/// A day written with a .NET format ("yyyy-MM-dd", "d MMMM yyyy"): English in the invariant culture, as messages always have;
/// other languages with their month names (French writes the first of the month 1er).
/// </summary>
public sealed record DateArg(DateOnly Value, string Format) : MessageArg
{
    public override string English() => Value.ToString(Format, CultureInfo.InvariantCulture);

    public override string Render(CultureInfo culture, Func<SyncMessage, string> message)
    {
        var format = Format;
        if (Value.Day == 1 && culture.TwoLetterISOLanguageName == "fr" && format.StartsWith("d ", StringComparison.Ordinal))
        {
            format = "d'er'" + format[1..];
        }

        return Value.ToString(format, culture);
    }
}
