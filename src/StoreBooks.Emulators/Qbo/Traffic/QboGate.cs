using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using StoreBooks.Emulators.Qbo.OAuth;

namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>
/// Runs before every <c>/v3</c> call, in this order: the bearer token (401 lowercase envelope, 403 for another realm's
/// token), QBO's limits (429), then the realm's injected faults (latency, 429, 500/503, commit-then-drop-the-reply).
/// </summary>
internal static class QboGate
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, QboEmulator qbo)
    {
        context.Response.Headers["intuit_tid"] = IntuitTid.New();
        var realmId = RealmOf(context.Request.Path);
        var token = OAuthEndpoints.BearerToken(context.Request);
        var check = qbo.OAuth.CheckAccessToken(token, realmId);
        var now = qbo.Time.GetUtcNow();
        if (check.Outcome != TokenCheckOutcome.Valid)
        {
            if (realmId is not null && qbo.Companies.Exists(realmId))
            {
                qbo.Traffic.For(realmId).CountUnauthorized();
            }

            if (check.Outcome == TokenCheckOutcome.WrongRealm)
            {
                await WriteAsync(context, 403, GateFaults.WrongRealm(check.RealmId!, realmId!, now)).ConfigureAwait(false);
                return;
            }

            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"Intuit\", error=\"invalid_token\"";
            await WriteAsync(context, 401, GateFaults.Unauthorized(check.Outcome, token, now)).ConfigureAwait(false);
            return;
        }

        if (realmId is null || !qbo.Companies.Exists(realmId))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var traffic = qbo.Traffic.For(realmId);
        var limits = qbo.Traffic.Limits;
        var admission = traffic.TryAdmit(check.ClientId!, IsBatch(context.Request), now, limits);
        if (!admission.Admitted)
        {
            await ThrottleAsync(context, limits.SendRetryAfter ? admission.RetryAfter : null, admission.Reason, now).ConfigureAwait(false);
            return;
        }

        try
        {
            var plan = traffic.NextFaults();
            if (plan.Latency > TimeSpan.Zero)
            {
                var wait = Task.Delay(plan.Latency, qbo.Time, context.RequestAborted);
                traffic.CountDelayed();
                await wait.ConfigureAwait(false);
            }

            switch (plan.Kind)
            {
                case InjectedFault.Throttle:
                    await ThrottleAsync(context, limits.SendRetryAfter ? TimeSpan.FromSeconds(plan.ThrottleRetryAfterSeconds) : null, "injected", now).ConfigureAwait(false);
                    break;
                case InjectedFault.Fail:
                    await WriteAsync(context, plan.FailStatus, GateFaults.SystemFault(now)).ConfigureAwait(false);
                    break;
                case InjectedFault.Drop:
                    await ServeThenDropAsync(context, next).ConfigureAwait(false);
                    break;
                default:
                    await next(context).ConfigureAwait(false);
                    break;
            }
        }
        finally
        {
            traffic.Release(check.ClientId!);
        }
    }

    /// <summary>
    /// The call runs to the end (a write is committed) with its reply kept in memory; then the connection is aborted,
    /// so the client sees it cut before any byte of the status line.
    /// </summary>
    private static async Task ServeThenDropAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var buffered = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(buffered);
        try
        {
            await next(context).ConfigureAwait(false);
            await buffered.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(original);
        }

        context.Abort();
    }

    private static Task ThrottleAsync(HttpContext context, TimeSpan? retryAfter, string? reason, DateTimeOffset now)
    {
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (reason is not null)
        {
            // Not a QBO header: says which emulator limit refused the call, for whoever reads the traffic.
            context.Response.Headers["X-Emulator-Throttle"] = reason;
        }

        return WriteAsync(context, 429, GateFaults.Throttled(now));
    }

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>The realm of <c>/v3/company/{realmId}/…</c>, or null for any other path.</summary>
    internal static string? RealmOf(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[0] == "v3" && segments[1] == "company" ? segments[2] : null;
    }

    private static bool IsBatch(HttpRequest request)
    {
        var segments = (request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return HttpMethods.IsPost(request.Method) && segments.Length == 4 && segments[3] == "batch";
    }
}
