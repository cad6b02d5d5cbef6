namespace StoreBooks.Cli.Common;

/// <summary>
/// A secret the merchant gives without putting it on the command line (where the shell history and the process list keep it):
/// <c>--option -</c> reads one line of standard input, or an environment variable holds it; a value on the line still works.
/// </summary>
internal static class SecretInput
{
    public static async Task<string> ReadAsync(string? given, string option, string variable, CancellationToken cancellationToken) =>
        await ReadOptionalAsync(given, option, variable, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"Give {option} - to type or pipe it on standard input, or set {variable} ({option} VALUE works too, but leaves it in your shell history).");

    /// <summary>The secret, or null when none was given in any form.</summary>
    public static async Task<string?> ReadOptionalAsync(string? given, string option, string variable, CancellationToken cancellationToken)
    {
        if (given?.Trim() == "-")
        {
            var line = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(line)
                ? throw new CliException($"{option} - read nothing from standard input; nothing was saved. Pipe or type the value, then press Enter.")
                : line.Trim();
        }

        if (!string.IsNullOrWhiteSpace(given))
        {
            return given.Trim();
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
    }
}
