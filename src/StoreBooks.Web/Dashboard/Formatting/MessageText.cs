using System.Globalization;
using Microsoft.Extensions.Localization;
using StoreBooks.Core.Messages;
using StoreBooks.Web.Dashboard.Resources;

namespace StoreBooks.Web.Dashboard.Formatting;

/// <summary>
/// A sync's message in the reader's language: its template from the dashboard's words (key <c>Msg.</c> and the message's code,
/// "Msg.order.line.no-sku"), filled with its arguments written as the culture writes numbers. English pages, messages without a
/// code (older issues) and codes the resources do not know show the message's English text as the sync wrote it.
/// </summary>
public static class MessageText
{
    public const string KeyPrefix = "Msg.";

    public static string Key(string code) => KeyPrefix + code;

    public static string Show(IStringLocalizer<DashboardText> text, SyncMessage? message, string english) =>
        Show(text, message, english, CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);

    public static string Show(IStringLocalizer<DashboardText> text, SyncMessage? message, string english, CultureInfo language, CultureInfo culture)
    {
        if (message is null || language.TwoLetterISOLanguageName == "en")
        {
            return english;
        }

        return message.Render(code => text[Key(code)] is { ResourceNotFound: false } found ? found.Value : null, culture);
    }

    /// <summary>
    /// A part of a message in the reader's language: the message within <paramref name="message"/> (or it itself) whose English
    /// is <paramref name="english"/>, as an issue's record ("order #1043") is the first part of its problem. English pages, and
    /// messages that do not carry the part, show <paramref name="english"/>.
    /// </summary>
    public static string ShowPart(IStringLocalizer<DashboardText> text, SyncMessage? message, string english) =>
        Show(text, message is null ? null : Part(message, english), english);

    private static SyncMessage? Part(SyncMessage message, string english) =>
        message.Code is not null && string.Equals(message.Text, english, StringComparison.Ordinal)
            ? message
            : message.Args.Values.Select(arg => Part(arg, english)).FirstOrDefault(found => found is not null);

    private static SyncMessage? Part(MessageArg arg, string english) => arg switch
    {
        MessageValueArg inner => Part(inner.Message, english),
        ListArg list => list.Items.Select(item => Part(item, english)).FirstOrDefault(found => found is not null),
        _ => null,
    };
}
