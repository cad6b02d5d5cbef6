using Microsoft.AspNetCore.Builder;

namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>SKELETON: the emulator's own admin endpoints (realms, fault switches), under <c>/emulator/qbo</c>.</summary>
internal static class AdminEndpoints
{
    public static void Map(WebApplication app, QboEmulator qbo)
    {
        _ = app;
        _ = qbo;
    }
}
