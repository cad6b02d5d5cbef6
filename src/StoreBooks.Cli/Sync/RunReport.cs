using Spectre.Console;
using StoreBooks.Core.State;

namespace StoreBooks.Cli.Sync;

/// <summary>How a run and the records that need attention are told on the terminal, and the exit code they make.</summary>
internal static class RunReport
{
    /// <summary>
    /// 0 when nothing needs attention (this run's records or any earlier run's), 3 when some records do, 1 when the run stopped
    /// early: a script or scheduler can tell "all in QuickBooks" from "look at storebooks status".
    /// </summary>
    public static int ExitCode(SyncRun run, IReadOnlyList<SyncIssue> openIssues) => run.Outcome switch
    {
        RunOutcome.Failed or RunOutcome.Running => 1,
        _ when openIssues.Count > 0 => 3,
        _ => 0,
    };

    public static string Counts(SyncRun run) =>
        string.Join(", ", run.Counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

    public static void PrintRun(IAnsiConsole console, SyncRun run, IReadOnlyList<SyncIssue> issues)
    {
        console.WriteLine($"Run {run.StartedAt:yyyy-MM-dd HH:mm:ss} ({run.Trigger}): {Describe(run.Outcome)}.");
        var counts = Counts(run);
        if (counts.Length > 0)
        {
            console.WriteLine($"  {counts}");
        }

        if (run.Error is not null)
        {
            console.WriteLine($"Stopped: {run.Error}");
        }

        if (run.Counts.GetValueOrDefault("orders.adopted") is var adopted and > 0)
        {
            console.WriteLine($"{adopted} order(s) were already in QuickBooks, posted by StoreBooks before this state store knew them (a fresh or restored home): " +
                "found by their numbers and linked, not posted again.");
        }

        PrintIssues(console, issues, run.Id);
    }

    /// <summary>The open issues, those of earlier runs told apart, with what the merchant can do about them.</summary>
    public static void PrintIssues(IAnsiConsole console, IReadOnlyList<SyncIssue> issues, Guid? runId = null)
    {
        if (issues.Count == 0)
        {
            console.WriteLine("Nothing needs your attention.");
            return;
        }

        var earlier = runId is { } id ? issues.Count(i => i.RunId != id) : 0;
        console.WriteLine(earlier > 0
            ? $"{issues.Count} record(s) from this and earlier runs need your attention:"
            : $"{issues.Count} record(s) need your attention:");
        foreach (var issue in issues.OrderBy(i => i.Reference, StringComparer.Ordinal))
        {
            console.WriteLine($"- {issue.Message}");
        }

        console.WriteLine("Fix them in the store or in QuickBooks: the next sync reads them again. storebooks retry sends again what QuickBooks refused; storebooks dismiss ORDER stops reading an order.");
    }

    public static string Describe(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Succeeded => "everything synced",
        RunOutcome.NeedsAttention => "finished; some records need attention",
        RunOutcome.Failed => "stopped early",
        RunOutcome.Abandoned => "abandoned (StoreBooks was stopped during it)",
        _ => "still running",
    };
}
