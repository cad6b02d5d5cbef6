using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.QuickBooks.Http;
using StoreBooks.Testing;

namespace StoreBooks.QuickBooks.Tests.Support;

/// <summary>
/// The emulator with QBO's limits scaled down so limit tests take seconds: 200 requests per 250 ms window and 10 in
/// flight per realm (QBO: 500 per minute, 10 in flight), Retry-After sent with 429s.
/// </summary>
public class LimitedEmulator : EmulatorFixture
{
    public static QboLimits EmulatorLimits { get; } = new()
    {
        RequestsPerWindow = 200,
        Window = TimeSpan.FromMilliseconds(250),
        MaxInFlight = 10,
        BatchesPerWindow = 0,
        BatchesPerWindowPerApp = 0,
        SendRetryAfter = true,
    };

    /// <summary>
    /// The client's limits, set to the emulator's, with a 75 ms margin on the 250 ms window for scheduling jitter on a
    /// busy two-core machine (QBO's default margin is 1 s on 60 s).
    /// </summary>
    public static QboLimitsOptions ClientLimits { get; } = new()
    {
        RequestsPerWindow = EmulatorLimits.RequestsPerWindow,
        Window = EmulatorLimits.Window,
        MaxInFlight = EmulatorLimits.MaxInFlight,
        SegmentsPerWindow = 10,
        SafetyMargin = TimeSpan.FromMilliseconds(75),
    };

    protected override EmulatorOptions CreateOptions() => base.CreateOptions() with
    {
        Qbo = base.CreateOptions().Qbo with { Limits = Limits() },
    };

    protected virtual QboLimits Limits() => EmulatorLimits;
}

/// <summary>As <see cref="LimitedEmulator"/>, but 429s come without Retry-After (as QBO documents none).</summary>
public sealed class LimitedEmulatorWithoutRetryAfter : LimitedEmulator
{
    protected override QboLimits Limits() => EmulatorLimits with { SendRetryAfter = false };
}
