using System.Globalization;
using Microsoft.Extensions.Localization;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Progress;
using StoreBooks.Web.Dashboard.Formatting;
using StoreBooks.Web.Dashboard.Resources;

namespace StoreBooks.Web.Dashboard.Sync;

/// <summary>The Sync page's sentences, the same on the page as rendered and in the live updates that follow.</summary>
public sealed class SyncText(IStringLocalizer<DashboardText> text)
{
    /// <summary>Where the connection's syncing stands: running (and at which stage), asked for, or idle.</summary>
    public string Status(RunProgress? live, bool requested) => live switch
    {
        { Running: true } => text["Sync_StatusRunning", Stage(live.Stage)].Value,
        _ when requested => text["Sync_StatusRequested"].Value,
        _ => text["Sync_StatusIdle"].Value,
    };

    public string Stage(string stage) => stage switch
    {
        "retrying" => text["Sync_StageRetrying"].Value,
        "orders" => text["Sync_StageOrders"].Value,
        _ => text["Sync_StageStarting"].Value,
    };

    public string Outcome(RunOutcome outcome) => text[OutcomeKey(outcome)].Value;

    public string Trigger(string trigger) => trigger is "manual" or "schedule" or "webhook" or "retry" ? text[TriggerKey(trigger)].Value : trigger;

    /// <summary>The key of a run's outcome ("Sync_Outcome_Succeeded").</summary>
    public static string OutcomeKey(RunOutcome outcome) => "Sync_Outcome_" + outcome;

    public static string TriggerKey(string trigger) => "Sync_Trigger_" + trigger;

    /// <summary>The key of the notice after an action: requested, retried, dismissed, busy, unknown.</summary>
    public static string DoneKey(string done) => "Sync_Done_" + done;

    /// <summary>A record's name at the start of a sentence: "order #1043" reads "Order #1043".</summary>
    public static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>One sentence on how a run ended: "Succeeded on 2 October 2025 10:14 UTC: 28 orders read, 20 posted, 6 waiting, 0 refused."</summary>
    public string Summary(SyncRun run, CultureInfo culture)
    {
        var figures = RunFigures.From(run);
        var sentence = text["Sync_Summary", Outcome(run.Outcome), DisplayFormat.DateTime(run.FinishedAt ?? run.StartedAt, culture),
            figures.Read, figures.Posted, figures.Waiting, figures.Failed].Value;
        return run.Error is { Length: > 0 } ? sentence + " " + text["Sync_SummaryError", Error(run)].Value : sentence;
    }

    /// <summary>Why the run stopped, in the reader's language when its error has a code; else as the run wrote it.</summary>
    public string Error(SyncRun run) => run.Error is { } error ? MessageText.Show(text, run.ErrorDetail, error) : "";
}
