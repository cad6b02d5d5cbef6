using System.Globalization;
using Microsoft.Data.Sqlite;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Storage;
using StoreBooks.Storage.Sqlite;

namespace StoreBooks.Cli.Common;

/// <summary>
/// What a command that failed tells the user: one message saying what is wrong and what to do, never a stack trace; the full
/// detail goes to <c>storebooks.log</c> in the home (owner-only), when the home can hold it.
/// </summary>
internal static class FailureReport
{
    public const int ExitCode = 1;

    public static async Task<int> WriteAsync(Exception failure, IReadOnlyList<string> args, TextWriter error)
    {
        var home = HomeOf(args);
        var message = failure switch
        {
            StoreBooksHomeException known => known.Message,
            UnreadableCredentialException unreadable => await UnreadableAsync(unreadable, home).ConfigureAwait(false),
            SqliteException sqlite when home is not null && StateStoreErrors.Explain(sqlite, home.DatabasePath) is { } explained => explained,
            _ => $"StoreBooks stopped on an error it did not expect: {failure.Message}",
        };

        var log = home is null ? null : TryLog(home, failure, args.FirstOrDefault() ?? "");
        await error.WriteLineAsync(log is null ? message : $"{message}\nThe details are in {log}.").ConfigureAwait(false);
        return ExitCode;
    }

    /// <summary>What a credential the key cannot decrypt means, with the command that enters it again.</summary>
    private static async Task<string> UnreadableAsync(UnreadableCredentialException unreadable, StoreBooksHome? home)
    {
        Connection? connection = null;
        if (home is not null)
        {
            try
            {
                await using var state = await StateStore.OpenSqliteAsync(home, CancellationToken.None).ConfigureAwait(false);
                connection = await state.Connections.GetAsync(unreadable.ConnectionId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is StoreBooksHomeException or SqliteException)
            {
            }
        }

        var who = connection is null ? $"connection {unreadable.ConnectionId}" : $"\"{connection.Name}\"";
        var command = connection is null ? "enter it again with the storebooks connect command that made it" : ReplaceCredential.Command(connection, unreadable.System);
        return $"The {unreadable.System} credential of {who} cannot be decrypted with this secret key: it was saved with another one. " +
            $"Restore that key (secret.key or {StoreBooksHome.SecretKeyVariable}), or enter the credential again: {command}. storebooks doctor checks every credential.";
    }

    /// <summary>The home the command was given (or the default one); null when even that cannot be told.</summary>
    private static StoreBooksHome? HomeOf(IReadOnlyList<string> args)
    {
        try
        {
            var at = args.ToList().IndexOf("--home");
            var option = at >= 0 && at + 1 < args.Count ? args[at + 1] : args.FirstOrDefault(a => a.StartsWith("--home=", StringComparison.Ordinal))?[7..];
            return StoreBooksHome.Resolve(option);
        }
        catch (StoreBooksHomeException)
        {
            return null;
        }
    }

    /// <summary>Appends the failure to the home's log; the log's path, or null when the home cannot take it.</summary>
    private static string? TryLog(StoreBooksHome home, Exception failure, string command)
    {
        // The command's name only: its arguments may carry secrets.
        var entry = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z storebooks {command} failed:{Environment.NewLine}{failure}{Environment.NewLine}{Environment.NewLine}");
        return home.TryAppendToLog(entry) ? home.LogPath : null;
    }
}
