using System.Globalization;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Soak;

/// <summary>The soak's figures, printed at the end.</summary>
internal static class Figures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(
        SoakOptions options, Load load, ServeProcess serve, IReadOnlyList<WebhookAttempt> shopDeliveries, BooksCheck settled, BooksCheck final, InboxCheck inbox, (int ExitCode, TimeSpan Took) sync, TimeSpan settle)
    {
        var direct = load.Direct;
        Line($"Soak of storebooks serve: {options.Minutes:0.##} min of load, an order every {options.OrderEvery.TotalSeconds:0} s, direct deliveries every {options.DirectWebhooksEvery.TotalSeconds:0} s");
        Line($"  orders placed in the shop:        {load.Orders.Count} ({load.OrderFailures} could not be placed)");
        Line($"  sales documents in QuickBooks:    {final.Documents} in all; {final.ByOrder.Count} orders have one or more (the demo shop's first sync included)");
        Line($"  missing once serve settled:       {settled.Missing.Count} (before the final storebooks sync; settling took {settle.TotalSeconds:F0} s)");
        Line($"  final storebooks sync:            exit code {sync.ExitCode}, {sync.Took.TotalSeconds:F0} s");
        Line($"  missing after it:                 {final.Missing.Count}{List(final.Missing)}");
        Line($"  orders with more than one document: {final.Duplicated.Count}{List(final.Duplicated)}");
        Line($"Webhooks from the shop (its own deliveries to serve, {options.DuplicateProbability:P0} sent twice)");
        Line($"  attempts:                         {shopDeliveries.Count} ({shopDeliveries.Count(a => a.Duplicate)} duplicates sent)");
        Line($"  answered 200:                     {shopDeliveries.Count(a => a.Status == 200)}");
        Line($"  not answered (serve down):        {shopDeliveries.Count(a => a.Status is null)}; other answers: {shopDeliveries.Count(a => a.Status is not null and not 200)}");
        Line($"Webhooks sent to serve directly ({direct.Sent} sent, {direct.Unreachable} while serve was down)");
        Line($"  replays under a new event id:     {direct.ReplaysSent} sent, {direct.ReplaysDuplicate} answered duplicate, {direct.ReplaysAccepted} taken as new");
        Line($"  forged (bad HMAC):                {direct.ForgedSent} sent, {direct.ForgedRefused} refused 401, {direct.ForgedOther} otherwise");
        Line($"  oversized ({options.OversizedBytes / 1024 / 1024} MiB):               {direct.OversizedSent} sent, {direct.Oversized413} refused 413, {direct.OversizedOther} otherwise");
        Line($"  inbox of the home:                {inbox.Deliveries} deliveries recorded ({inbox.Replays} as replays); forged recorded: {inbox.ForgedRecorded}; oversized recorded: {inbox.OversizedRecorded}");
        Line($"Faults and kills");
        Line($"  fault windows:                    {load.FaultWindows} of {options.FaultWindow.TotalSeconds:0} s (Shopify 30 % 500s; QuickBooks 15 % 500s, 15 % 429s, 5 % replies dropped after commit)");
        Line($"  SIGKILLs of serve under load:     {serve.Kills} (then restarted on the same home and port); crashes: {serve.Lifetimes.Count(l => l.Crash is not null)}");
        Line($"serve process, per lifetime (RSS MiB / open fds, first sample → last)");
        foreach (var (lifetime, i) in serve.Lifetimes.Select((l, i) => (l, i + 1)))
        {
            if (lifetime.Samples.Count == 0)
            {
                Line($"  #{i} pid {lifetime.Pid}: no sample");
                continue;
            }

            var (first, last) = (lifetime.Samples[0], lifetime.Samples[^1]);
            if (options.Series)
            {
                Line($"  #{i} every sample (s: RSS MiB / fds): {string.Join(", ", lifetime.Samples.Select(s => string.Create(Invariant, $"{s.Age.TotalSeconds:F0}: {Mib(s.RssBytes):F0}/{s.OpenFiles}")))}");
            }

            Line($"  #{i} pid {lifetime.Pid}, {last.Age.TotalSeconds,5:F0} s, {lifetime.Samples.Count,3} samples: {Mib(first.RssBytes),6:F1} → {Mib(last.RssBytes),6:F1} MiB (peak {Mib(lifetime.Samples.Max(s => s.RssBytes)):F1}), {first.OpenFiles} → {last.OpenFiles} fds{(lifetime.Crash is null ? "" : "  CRASHED")}");
        }

        var longest = serve.Lifetimes.Where(l => l.Samples.Count >= 2).MaxBy(l => l.Samples[^1].Age);
        if (longest is not null)
        {
            // From the second sample: the first is taken the moment /health answers, before the first sync has warmed anything.
            var from = longest.Samples.Count > 2 ? longest.Samples[1] : longest.Samples[0];
            var to = longest.Samples[^1];
            Line($"  longest lifetime (pid {longest.Pid}, {to.Age.TotalMinutes:F1} min): RSS last/first {(double)to.RssBytes / from.RssBytes:F2}, fds last/first {(double)to.OpenFiles / from.OpenFiles:F2} (first = the sample at {from.Age.TotalSeconds:F0} s)");
        }

        if (!direct.Surprises.IsEmpty)
        {
            Line($"Surprises ({direct.Surprises.Count}, first 10):");
            foreach (var surprise in direct.Surprises.Take(10))
            {
                Line("  " + surprise);
            }
        }

        foreach (var crash in serve.Lifetimes.Where(l => l.Crash is not null))
        {
            Line(crash.Crash!);
        }
    }

    private static double Mib(long bytes) => bytes / 1024.0 / 1024.0;

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "" : ": " + string.Join(", ", items.Take(20)) + (items.Count > 20 ? ", …" : "");

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(Invariant));

    private static void Line(string text) => Console.WriteLine(text);
}
