using System.Globalization;
using StoreBooks.QuickBooks.Http;

namespace StoreBooks.Cli.Common;

/// <summary>
/// The request budget this process keeps towards each QuickBooks company. It is QuickBooks Online's own limits (500 requests a
/// minute, 10 in flight, 40 batch requests a minute) unless <c>STOREBOOKS_QBO_REQUESTS_PER_MINUTE</c>, <c>STOREBOOKS_QBO_MAX_IN_FLIGHT</c> or
/// <c>STOREBOOKS_QBO_BATCHES_PER_MINUTE</c> says otherwise:
/// only for a server whose limits differ, such as an emulator started with its limits raised for a test or a benchmark.
/// </summary>
internal static class QboBudget
{
    public const string RequestsPerMinuteVariable = "STOREBOOKS_QBO_REQUESTS_PER_MINUTE";

    public const string MaxInFlightVariable = "STOREBOOKS_QBO_MAX_IN_FLIGHT";

    public const string BatchesPerMinuteVariable = "STOREBOOKS_QBO_BATCHES_PER_MINUTE";

    /// <summary>The limits from the environment, or null for QuickBooks Online's own.</summary>
    public static QboLimitsOptions? FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var perMinute = Read(environment, RequestsPerMinuteVariable);
        var inFlight = Read(environment, MaxInFlightVariable);
        var batches = Read(environment, BatchesPerMinuteVariable);
        if (perMinute is null && inFlight is null && batches is null)
        {
            return null;
        }

        var defaults = new QboLimitsOptions();
        return defaults with
        {
            RequestsPerWindow = perMinute ?? defaults.RequestsPerWindow,
            Window = TimeSpan.FromMinutes(1),
            MaxInFlight = inFlight ?? defaults.MaxInFlight,
            BatchesPerWindow = batches ?? defaults.BatchesPerWindow,
        };
    }

    private static int? Read(Func<string, string?> environment, string name)
    {
        var text = environment(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new CliException($"{name} is \"{text}\"; it must be a whole number of at least 1 (or unset, for QuickBooks Online's own limits).");
    }
}
