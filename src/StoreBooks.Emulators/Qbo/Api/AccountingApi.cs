using Microsoft.AspNetCore.Builder;

namespace StoreBooks.Emulators.Qbo.Api;

/// <summary>SKELETON: <c>/v3/company/{realmId}/…</c> (entities, query, batch, cdc).</summary>
internal static class AccountingApi
{
    public static void Map(WebApplication app, QboEmulator qbo)
    {
        _ = app;
        _ = qbo;
    }
}
