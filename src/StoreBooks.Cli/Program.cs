using System.CommandLine;
using StoreBooks.Cli.Connect;
using StoreBooks.Cli.Emulate;

var root = new RootCommand("StoreBooks keeps an online store's books in QuickBooks Online.");
root.Subcommands.Add(EmulateCommand.Create());
ConnectCommands.AddTo(root);
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
