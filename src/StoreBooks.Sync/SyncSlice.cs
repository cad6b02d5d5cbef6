namespace StoreBooks.Sync;

/// <summary>
/// How much one run does at most before it stops and says there is more to do, so a job engine can give the worker to other
/// connections and queue the rest behind them: <see cref="Orders"/> orders sent to QuickBooks, or <see cref="Duration"/> spent
/// reading orders, whichever comes first. The run stops between pages, so a page of the store may carry it past either.
/// </summary>
/// <param name="Orders">Orders posted, updated or adopted (those that reached QuickBooks); orders already in QuickBooks as they are cost nothing and are not counted.</param>
/// <param name="Duration">Time spent; a slice that has sent nothing to QuickBooks yet goes on past it (so every slice moves forward).</param>
public sealed record SyncSlice(int Orders, TimeSpan Duration)
{
    /// <summary>250 orders or 60 seconds.</summary>
    public static SyncSlice Default { get; } = new(250, TimeSpan.FromSeconds(60));
}
