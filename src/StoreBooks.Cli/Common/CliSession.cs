using System.CommandLine;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Sources;
using StoreBooks.Storage;
using StoreBooks.Sync;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Cli.Common;

/// <summary>A command's view of the StoreBooks home: the state store, the chosen connection, its QuickBooks client.</summary>
internal sealed class CliSession : IAsyncDisposable
{
    private QuickBooksConnections? _qbo;

    private CliSession(StoreBooksHome home, IStateStore state)
    {
        Home = home;
        State = state;
    }

    public StoreBooksHome Home { get; }

    public IStateStore State { get; }

    public static async Task<CliSession> OpenAsync(string? homeArgument, CancellationToken cancellationToken)
    {
        var home = StoreBooksHome.Resolve(homeArgument);
        var state = await StateStore.OpenSqliteAsync(home, cancellationToken).ConfigureAwait(false);
        return new CliSession(home, state);
    }

    /// <summary>The connection named <paramref name="name"/>, or the only one when no name is given.</summary>
    public async Task<Connection> ConnectionAsync(string? name, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            return await State.Connections.FindByNameAsync(name.Trim(), cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"There is no connection named \"{name.Trim()}\" in {Home.Directory}. List them with: storebooks connections");
        }

        var all = await State.Connections.ListAsync(cancellationToken).ConfigureAwait(false);
        return all.Count switch
        {
            1 => all[0],
            0 => throw new CliException($"There is no connection yet in {Home.Directory}. Add one with: storebooks connect csv --products FILE --orders FILE"),
            _ => throw new CliException($"There are {all.Count} connections ({string.Join(", ", all.Select(c => c.Name))}): choose one with --connection NAME."),
        };
    }

    /// <summary>The QuickBooks clients of this process, with the request budget <see cref="QboBudget"/> gives.</summary>
    public QuickBooksConnections QuickBooks => _qbo ??= new QuickBooksConnections(State, limits: QboBudget.FromEnvironment());

    /// <summary>Makes each connection's store source by its kind.</summary>
    public SourceFactory Sources { get; } = new();

    /// <summary>The connection's store source; what to run when it cannot be made.</summary>
    public async Task<IStoreSource> SourceAsync(Connection connection, CancellationToken cancellationToken)
    {
        try
        {
            return await Sources.CreateAsync(connection, State.Credentials, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (e is not UnreadableCredentialException)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>A sync context for the connection (its QuickBooks client must be connected).</summary>
    public async Task<SyncContext> ContextAsync(Connection connection, CancellationToken cancellationToken)
    {
        try
        {
            var client = await QuickBooks.ClientForAsync(connection, cancellationToken).ConfigureAwait(false);
            return new SyncContext(connection, client, State);
        }
        catch (InvalidOperationException e) when (e is not UnreadableCredentialException)
        {
            throw new CliException(e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_qbo is not null)
        {
            await _qbo.DisposeAsync().ConfigureAwait(false);
        }

        await State.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>A problem the person at the command line must fix; printed without a stack trace, exit code 1.</summary>
internal sealed class CliException(string message) : Exception(message);

/// <summary>The options most commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Connection() => new("--connection")
    {
        Description = "Which connection (see storebooks connections); optional when there is only one.",
        HelpName = "NAME",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table." };
}
