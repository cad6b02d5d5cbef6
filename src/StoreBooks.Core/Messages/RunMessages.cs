namespace StoreBooks.Core.Messages;

/// <summary>Why a sync run stopped (<see cref="State.SyncRun.Error"/>), as the run history and a connection's last error show it.</summary>
public static class RunMessages
{
    /// <summary>Something unforeseen, or the store could not be read: <c>{reason}</c> is what was said, as it was said.</summary>
    public static readonly MessageTemplate Stopped = new("run.stopped", "The run stopped: {reason}");

    /// <summary>Too many orders in a row could not reach QuickBooks; <c>{last}</c> is the last one's message.</summary>
    public static readonly MessageTemplate Unreachable = new("run.unreachable",
        "QuickBooks could not be reached for {count} orders in a row; the run stopped and the next one goes on from here. Last: {last}");

    public static readonly MessageTemplate Cancelled = new("run.cancelled", "The run was cancelled; the next one goes on from here.");

    /// <summary>A run still marked running when the next one of its connection starts: its process died.</summary>
    public static readonly MessageTemplate Abandoned = new("run.abandoned",
        "The run never finished: StoreBooks was stopped during it (killed, or the machine restarted). Nothing was lost; the next run went on from where the last one stopped.");

    /// <summary>The process stopped while the job ran (a scheduled or queued sync whose host shut down).</summary>
    public static readonly MessageTemplate ProcessStopped = new("run.process-stopped",
        "StoreBooks stopped during this run; the next run goes on from where it stopped.");
}
