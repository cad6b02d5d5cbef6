namespace StoreBooks.QuickBooks.Http;

/// <summary>
/// The part of each QBO company's request budget that is shared beyond this process: in hosted mode several
/// <c>storebooks serve</c> processes on one PostgreSQL database call the same companies, and QuickBooks counts their requests
/// together. <see cref="QboRealmLimits"/> asks it after its own in-process limiters, so a process never exceeds its own share
/// and only then competes with the others. On one machine there is none (null): the in-process limiters are the whole budget.
/// </summary>
public interface IQboSharedBudget
{
    /// <summary>The limits it keeps, the same figures as the <see cref="QboRealmLimits"/> in front of it.</summary>
    QboLimitsOptions Limits { get; }

    /// <summary>
    /// Waits for one of the realm's in-flight slots, shared by every process; dispose the result when the response has been
    /// read. A slot whose holder vanished (a process killed mid-request) comes back by itself after a while.
    /// </summary>
    ValueTask<IAsyncDisposable> TakeSlotAsync(string realmId, CancellationToken cancellationToken);

    /// <summary>Waits for one request permit of the realm's window, shared by every process; the request must leave at once.</summary>
    ValueTask TakePermitAsync(string realmId, CancellationToken cancellationToken);

    /// <summary>Waits for one permit of the realm's batch window (40 batch requests a minute), shared by every process.</summary>
    ValueTask TakeBatchPermitAsync(string realmId, CancellationToken cancellationToken);
}
