using Microsoft.AspNetCore.Http;

namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>
/// SKELETON: runs before every <c>/v3</c> call: bearer token check (401 lowercase envelope), limits (429), injected faults
/// (latency, 500/503 bursts, 429s, commit-then-drop-the-response).
/// </summary>
internal static class QboGate
{
    public static Task InvokeAsync(HttpContext context, RequestDelegate next, QboEmulator qbo)
    {
        _ = qbo;
        return next(context);
    }
}
