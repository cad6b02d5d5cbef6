using System.CommandLine;
using StoreBooks.Cli.Connect;
using StoreBooks.Cli.Demo;
using StoreBooks.Cli.Emulate;
using StoreBooks.Cli.Items;
using StoreBooks.Cli.QuickBooks;
using StoreBooks.Cli.Serve;
using StoreBooks.Cli.Settings;
using StoreBooks.Cli.Sync;

namespace StoreBooks.Cli;

/// <summary>The <c>storebooks</c> command tree (tests run it in-process with their own output writers).</summary>
public static class StoreBooksCli
{
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
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(WebhooksCommand.Create());
        return root;
    }
}
