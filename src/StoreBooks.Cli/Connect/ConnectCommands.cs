using System.CommandLine;

namespace StoreBooks.Cli.Connect;

/// <summary>
/// The commands that add and list connections: <c>storebooks connect csv</c>, <c>connect shopify</c>, <c>connect woocommerce</c>
/// and <c>storebooks connections</c>.
/// </summary>
public static class ConnectCommands
{
    public static void AddTo(RootCommand root)
    {
        var connect = new Command("connect", "Connect a store to StoreBooks (saved in the StoreBooks home).")
        {
            ConnectCsvCommand.Create(),
            StoreBooks.Cli.QuickBooks.ConnectQuickBooksCommand.Create(),
            ConnectShopifyCommand.Create(),
            ConnectWooCommerceCommand.Create(),
        };
        root.Subcommands.Add(connect);
        root.Subcommands.Add(ConnectionsCommand.Create());
    }
}
