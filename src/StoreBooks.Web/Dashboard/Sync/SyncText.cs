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

    public string Outcome(RunOutcome outcome) => text["Sync_Outcome_" + outcome].Value;

    public string Trigger(string trigger) => trigger switch
    {
        "manual" or "schedule" or "webhook" or "retry" => text["Sync_Trigger_" + trigger].Value,
        _ => trigger,
    };

    /// <summary>One sentence on how a run ended: "Succeeded on 2 October 2025 10:14 UTC: 28 orders read, 20 posted, 6 waiting, 0 refused."</summary>
    public string Summary(SyncRun run, CultureInfo culture)
    {
        var figures = RunFigures.From(run);
        var sentence = text["Sync_Summary", Outcome(run.Outcome), DisplayFormat.DateTime(run.FinishedAt ?? run.StartedAt, culture),
            figures.Read, figures.Posted, figures.Waiting, figures.Failed].Value;
        return run.Error is { Length: > 0 } error ? sentence + " " + text["Sync_SummaryError", error].Value : sentence;
    }
}
