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

        var outcome = overview.LastRunNeedsReconnect ? text["Connect_ReconnectNeeded"] : text["Connect_Outcome_" + run.Outcome];
        return $"{DisplayFormat.DateTime(run.FinishedAt ?? run.StartedAt, culture)} · {outcome}";
    }

    public static string NextRun(ConnectionOverview overview, IStringLocalizer<DashboardText> text, CultureInfo culture) => overview.Schedule switch
    {
        { Requested: true } => text["Connect_SyncRequested"],
        { NextSyncAt: { } next } => DisplayFormat.DateTime(next, culture),
        _ => text["Connect_NotScheduled"],
    };
}
