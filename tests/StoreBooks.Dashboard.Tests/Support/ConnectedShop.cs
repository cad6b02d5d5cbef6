using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.Sync.Connections;
using Xunit;

namespace StoreBooks.Dashboard.Tests.Support;

/// <summary>Settings and checks for the connected demo shop's syncs (the pages of Preview, Sync and Totals).</summary>
public static class ConnectedShop
{
    /// <summary>Settings under which the demo shop's paid orders post: automatic items with the US company's usual accounts, no schedule.</summary>
    public static ConnectionSettings Posting => new()
    {
        SyncInterval = null,
        Products = new ProductSettings
        {
            Mode = ItemMode.Automatic,
            CreateAs = CreatedItemType.NonInventory,
            IncomeAccount = "Sales of Product Income",
            ExpenseAccount = "Cost of Goods Sold",
        },
    };

    /// <summary>Items made by hand in QuickBooks only: every paid order waits for its items, each an issue needing attention.</summary>
    public static ConnectionSettings ManualItems => Posting with { Products = new ProductSettings { Mode = ItemMode.Manual, MatchKey = ItemMatchKey.Sku } };

    public static async Task<QboClient> QuickBooksAsync(DashboardHost host, Connection connection)
    {
        await using var connections = new QuickBooksConnections(host.State);
        return await connections.ClientForAsync(connection, TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the connection has <paramref name="count"/> ended runs (a minute at most), and answers them, newest first.</summary>
    public static async Task<IReadOnlyList<SyncRun>> WaitForEndedRunsAsync(DashboardHost host, Connection connection, int count)
    {
        var ct = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var runs = await host.State.Runs.ListRunsAsync(connection.Id, 50, ct);
            var ended = runs.Where(r => r.Outcome != RunOutcome.Running).ToList();
            if (ended.Count >= count && host.Server.Worker.Busy.Count == 0)
            {
                return ended;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{connection.Name} has {ended.Count} ended run(s) after a minute, not {count}.");
            await Task.Delay(100, ct);
        }
    }
}
