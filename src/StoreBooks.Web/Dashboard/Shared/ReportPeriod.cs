namespace StoreBooks.Web.Dashboard.Shared;

/// <summary>What is wrong with the period a report page was asked for.</summary>
public enum ReportPeriodProblem
{
    /// <summary>A date in the address could not be read.</summary>
    BadDate,

    /// <summary>The first day is after the last.</summary>
    FromAfterTo,

    /// <summary>The period is longer than the report compares at once.</summary>
    TooLong,
}

/// <summary>
/// The period a report page (Totals, Reconcile) shows: the days asked for in its address, or the last
/// <see cref="DefaultDays"/> days ending today, and what is wrong with them, if anything.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, ReportPeriodProblem? Problem)
{
    /// <summary>The default period: this many days, ending today.</summary>
    public const int DefaultDays = 30;

    /// <param name="from">The first day asked for, if any.</param>
    /// <param name="to">The last day asked for, if any.</param>
    /// <param name="datesRead">False when the address held a date that could not be read.</param>
    /// <param name="today">Today, in the dashboard's time.</param>
    /// <param name="maxDays">The longest period the report compares at once.</param>
    public static ReportPeriod Of(DateOnly? from, DateOnly? to, bool datesRead, DateOnly today, int maxDays)
    {
        var last = to ?? today;
        var first = from ?? last.AddDays(1 - DefaultDays);
        ReportPeriodProblem? problem = !datesRead ? ReportPeriodProblem.BadDate
            : first > last ? ReportPeriodProblem.FromAfterTo
            : last.DayNumber - first.DayNumber >= maxDays ? ReportPeriodProblem.TooLong
            : null;
        return new ReportPeriod(first, last, problem);
    }
}
