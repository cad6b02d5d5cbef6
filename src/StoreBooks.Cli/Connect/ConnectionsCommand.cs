using System.CommandLine;
using System.Globalization;
using StoreBooks.Core.Connections;
using StoreBooks.Storage;

namespace StoreBooks.Cli.Connect;

/// <summary><c>storebooks connections</c>: the connections saved in the StoreBooks home, one per line.</summary>
internal static class ConnectionsCommand
{
    public static Command Create()
    {
        var home = HomeOption.Create();
        var command = new Command("connections", "List the connections saved in the StoreBooks home.") { home };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(home), parse.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? homeArgument, TextWriter output, CancellationToken cancellationToken)
    {
        var home = StoreBooksHome.Resolve(homeArgument);
        IReadOnlyList<Connection> connections = [];
        if (File.Exists(home.DatabasePath))
        {
            await using var store = await StateStore.OpenSqliteAsync(home, cancellationToken).ConfigureAwait(false);
            connections = await store.Connections.ListAsync(cancellationToken).ConfigureAwait(false);
        }

        if (connections.Count == 0)
        {
            await output.WriteLineAsync($"No connections yet in {home.Directory}. Add one with: storebooks connect csv --products FILE --orders FILE").ConfigureAwait(false);
            return 0;
        }

        var rows = connections.Select(c => new[]
        {
            c.Name,
            c.SourceKind,
            c.QboRealmId is null ? "not connected" : $"realm {c.QboRealmId}",
            c.UpdatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Describe(c),
        }).Prepend(["NAME", "SOURCE", "QUICKBOOKS", "UPDATED", "SETTINGS"]).ToList();
        var widths = Enumerable.Range(0, 4).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = string.Join("  ", row.Take(4).Select((cell, i) => cell.PadRight(widths[i]))) + "  " + row[4];
            await output.WriteLineAsync(line.TrimEnd()).ConfigureAwait(false);
        }

        return 0;
    }

    private static string Describe(Connection connection) =>
        string.Join("  ", connection.SourceSettings.Select(setting => $"{setting.Key}={setting.Value}"));
}
