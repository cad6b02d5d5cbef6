namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>SKELETON: QBO's limits per realm (500 a minute, 10 in flight, batch limits) and the per-realm fault switches.</summary>
public sealed class QboTrafficControl
{
    public QboTrafficControl(QboEmulatorOptions options, TimeProvider time)
    {
        _ = options;
        _ = time;
    }
}
