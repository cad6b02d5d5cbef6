using StoreBooks.Core.State;

namespace StoreBooks.Sync;

/// <summary>
/// A pass over a store's changed orders in placing order (<see cref="Core.Sources.IPlacedOrderSource"/>), done in slices by
/// several runs and kept between them as bookmarks beside the orders cursor: the cursor the pass reads from, when it began (the
/// cursor never moves past that, less the safety window: an order placed before the position may change during the pass, and
/// the next pass reads it again), the placing time it has reached, the latest change it read, and the earliest change it must
/// read again (an order QuickBooks could not take, or the store could not hand over). A pass whose starting cursor is no longer
/// the cursor (a run read the store to its end meanwhile) is over: the next run begins a new one.
/// </summary>
internal sealed record PlacingPass(DateTimeOffset? From, DateTimeOffset Started, DateTimeOffset? Placed, DateTimeOffset? Reached, DateTimeOffset? Held, bool Unattributed)
{
    private const string FromStream = "orders.pass.from";
    private const string StartedStream = "orders.pass.started";
    private const string PlacedStream = "orders.pass.placed";
    private const string ReachedStream = "orders.pass.reached";
    private const string HeldStream = "orders.pass.held";

    /// <summary>Stands for "no cursor" (read every order) and, as held, for "a record tied to no order: the cursor must not move".</summary>
    private static readonly DateTimeOffset None = DateTimeOffset.UnixEpoch;

    /// <summary>The pass under way for <paramref name="cursor"/>, or a new one beginning at <paramref name="now"/>.</summary>
    public static async Task<PlacingPass> ResumeOrBeginAsync(ICursorStore cursors, Guid connectionId, DateTimeOffset? cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        async Task<DateTimeOffset?> Get(string stream) => await cursors.GetAsync(connectionId, stream, cancellationToken).ConfigureAwait(false);
        var from = await Get(FromStream).ConfigureAwait(false);
        var started = await Get(StartedStream).ConfigureAwait(false);
        var placed = await Get(PlacedStream).ConfigureAwait(false);
        if (from is null || started is not { } began || placed is null || from != (cursor ?? None))
        {
            return new PlacingPass(cursor, now, null, null, null, false);
        }

        var held = await Get(HeldStream).ConfigureAwait(false);
        return new PlacingPass(cursor, began, placed, await Get(ReachedStream).ConfigureAwait(false), held == None ? null : held, held == None);
    }

    /// <summary>Keeps where the pass got to, for the run that goes on with it.</summary>
    public async Task SaveAsync(ICursorStore cursors, Guid connectionId, CancellationToken cancellationToken)
    {
        async Task Set(string stream, DateTimeOffset? value)
        {
            if (value is { } at)
            {
                await cursors.SetAsync(connectionId, stream, at, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await cursors.DeleteAsync(connectionId, stream, cancellationToken).ConfigureAwait(false);
            }
        }

        // The position last: a pass is only resumed once every other part of it is kept.
        await Set(FromStream, From ?? None).ConfigureAwait(false);
        await Set(StartedStream, Started).ConfigureAwait(false);
        await Set(ReachedStream, Reached).ConfigureAwait(false);
        await Set(HeldStream, Unattributed ? None : Held).ConfigureAwait(false);
        await Set(PlacedStream, Placed).ConfigureAwait(false);
    }

    /// <summary>Forgets the pass: it read the store to its end.</summary>
    public static async Task EndAsync(ICursorStore cursors, Guid connectionId, CancellationToken cancellationToken)
    {
        foreach (var stream in new[] { PlacedStream, FromStream, StartedStream, ReachedStream, HeldStream })
        {
            await cursors.DeleteAsync(connectionId, stream, cancellationToken).ConfigureAwait(false);
        }
    }
}
