namespace StoreBooks.QuickBooks.Http;

/// <summary>QBO's request limits per company (realm). Defaults are Intuit's: 500 requests a minute and 10 in flight.</summary>
public sealed record QboLimitsOptions
{
    /// <summary>Requests allowed in any <see cref="Window"/>.</summary>
    public int RequestsPerWindow { get; init; } = 500;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Batch requests allowed in any <see cref="Window"/> (QuickBooks: 40 a minute per company and app, 120 per company across
    /// apps). Each batch also counts as one request in <see cref="RequestsPerWindow"/>.
    /// </summary>
    public int BatchesPerWindow { get; init; } = 40;

    /// <summary>Requests allowed in flight at once.</summary>
    public int MaxInFlight { get; init; } = 10;

    /// <summary>
    /// Segments of the sliding window. The limiter's window is stretched by one segment (Window × N / (N−1)) so that no
    /// interval of length <see cref="Window"/>, however aligned, holds more than <see cref="RequestsPerWindow"/>.
    /// </summary>
    public int SegmentsPerWindow { get; init; } = 30;

    /// <summary>
    /// Added to the window to absorb timing differences between here and the server (network and scheduling delays
    /// that bring two requests closer together on arrival than on departure). Default 1 s on QBO's one-minute window.
    /// </summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The window the sliding-window limiter actually uses: (Window + SafetyMargin) × N / (N − 1).</summary>
    public TimeSpan EffectiveWindow => (Window + SafetyMargin) * SegmentsPerWindow / (SegmentsPerWindow - 1);

    internal void Validate()
    {
        if (RequestsPerWindow < 1 || BatchesPerWindow < 1 || MaxInFlight < 1 || Window <= TimeSpan.Zero || SegmentsPerWindow < 2 || SafetyMargin < TimeSpan.Zero)
        {
            throw new ArgumentException($"Invalid QBO limits: RequestsPerWindow ({RequestsPerWindow}) and MaxInFlight ({MaxInFlight}) and BatchesPerWindow ({BatchesPerWindow}) must be at least 1, Window ({Window}) positive, SegmentsPerWindow ({SegmentsPerWindow}) at least 2, SafetyMargin ({SafetyMargin}) not negative.");
        }
    }
}
