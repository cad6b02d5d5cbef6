using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Cli.Demo;
using StoreBooks.Cli.Doctor;
using StoreBooks.Cli.Emulate;
using StoreBooks.Cli.Items;
using StoreBooks.Cli.Migrate;
using StoreBooks.Cli.QuickBooks;
using StoreBooks.Cli.Reconcile;
using StoreBooks.Cli.Serve;
using StoreBooks.Cli.Settings;
using StoreBooks.Cli.Sync;
using StoreBooks.Cli.Users;

namespace StoreBooks.Cli;

/// <summary>The <c>storebooks</c> command tree (tests run it in-process with their own output writers).</summary>
public static class StoreBooksCli
{
    /// <summary>
    /// Runs one command line as the <c>storebooks</c> program does: a failure is one message on <paramref name="error"/> and
    /// exit code 1 (the detail in the home's log), never a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await Build().Parse([.. args]).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Stopped before the command finished; run it again to go on from where it stopped.").ConfigureAwait(false);
            return 130;
        }
        catch (Exception e)
        {
            return await FailureReport.WriteAsync(e, args, error).ConfigureAwait(false);
        }
    }

    public static RootCommand Build()
    {
        var root = new RootCommand("StoreBooks keeps an online store's books in QuickBooks Online.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(EmulateCommand.Create());
        ConnectCommands.AddTo(root);
        root.Subcommands.Add(SettingsCommand.Create());
        root.Subcommands.Add(AccountsCommand.Create());
        root.Subcommands.Add(ItemsCommand.Create());
        SyncCommands.AddTo(root);
        root.Subcommands.Add(ReconcileCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(WebhooksCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        return root;
    }
}
