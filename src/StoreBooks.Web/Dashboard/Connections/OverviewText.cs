using System.Globalization;
using Microsoft.Extensions.Localization;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Connections;
using StoreBooks.Web.Dashboard.Formatting;
using StoreBooks.Web.Dashboard.Resources;

namespace StoreBooks.Web.Dashboard.Connections;

/// <summary>A connection overview's cells in words: its company, its last run, its next run.</summary>
public static class OverviewText
{
    public static string Company(ConnectionOverview overview, IStringLocalizer<DashboardText> text) => overview.QuickBooks.State switch
    {
        QuickBooksState.Connected => overview.QuickBooks.CompanyName ?? "",
        QuickBooksState.ReconnectNeeded => text["Connect_ReconnectNeeded"],
        QuickBooksState.Unreachable => text["Connect_CompanyUnreachable", overview.QuickBooks.RealmId ?? ""],
        _ => text["NotConnected"],
    };

    public static string LastRun(ConnectionOverview overview, IStringLocalizer<DashboardText> text, CultureInfo culture)
    {
        if (overview.LastRun is not { } run)
        {
            return text["Connect_NeverRun"];
        }

        var outcome = overview.LastRunNeedsReconnect ? text["Connect_ReconnectNeeded"] : Outcome(run.Outcome, text);
        return $"{DisplayFormat.DateTime(run.FinishedAt ?? run.StartedAt, culture)} · {outcome}";
    }

    public static string NextRun(ConnectionOverview overview, IStringLocalizer<DashboardText> text, CultureInfo culture) => overview.Schedule switch
    {
        { Requested: true } => text["Connect_SyncRequested"],
        { NextSyncAt: { } next } => DisplayFormat.DateTime(next, culture),
        _ => text["Connect_NotScheduled"],
    };

    private static string Outcome(RunOutcome outcome, IStringLocalizer<DashboardText> text) => outcome switch
    {
        RunOutcome.Running => text["Connect_Outcome_Running"],
        RunOutcome.Succeeded => text["Connect_Outcome_Succeeded"],
        RunOutcome.NeedsAttention => text["Connect_Outcome_NeedsAttention"],
        RunOutcome.Failed => text["Connect_Outcome_Failed"],
        _ => text["Connect_Outcome_Abandoned"],
    };

    /// <summary>Why an uploaded file was refused, in words that name the file.</summary>
    public static string Upload(CsvUploadRefusal refusal, long maxMegabytes, IStringLocalizer<DashboardText> text) => (refusal.Problem, refusal.File) switch
    {
        (CsvUploadProblem.Missing, "products") => text["Connect_CsvMissing_products"],
        (CsvUploadProblem.Missing, _) => text["Connect_CsvMissing_orders"],
        (CsvUploadProblem.NotCsv, "products") => text["Connect_CsvNotCsv_products", refusal.FileName],
        (CsvUploadProblem.NotCsv, "payouts") => text["Connect_CsvNotCsv_payouts", refusal.FileName],
        (CsvUploadProblem.NotCsv, _) => text["Connect_CsvNotCsv_orders", refusal.FileName],
        (CsvUploadProblem.TooLarge, "products") => text["Connect_CsvTooLarge_products", refusal.FileName, maxMegabytes],
        (CsvUploadProblem.TooLarge, "payouts") => text["Connect_CsvTooLarge_payouts", refusal.FileName, maxMegabytes],
        _ => text["Connect_CsvTooLarge_orders", refusal.FileName, maxMegabytes],
    };
}
