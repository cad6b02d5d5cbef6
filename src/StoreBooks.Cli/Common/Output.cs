using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace StoreBooks.Cli.Common;

/// <summary>Tables for people, JSON for programs, both written to the command's output.</summary>
internal static class Output
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.No,
    });

    public static Task WriteJsonAsync<T>(TextWriter writer, T value) => writer.WriteLineAsync(JsonSerializer.Serialize(value, Json));

    /// <summary>Text as a table cell: markup characters escaped.</summary>
    public static string Cell(string? text) => Markup.Escape(text ?? "");
}
