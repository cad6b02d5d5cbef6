using Microsoft.AspNetCore.Http;

namespace StoreBooks.Web.Dashboard.Security;

/// <summary>
/// Headers on every response: a strict Content-Security-Policy (everything from this server only, no inline script or style,
/// no framing), no MIME sniffing, no referrer beyond this origin. The job engine's dashboard (<c>/hangfire</c>, operators only)
/// is not ours and sets some styles inline: there inline styles are allowed, scripts still not.
/// </summary>
internal sealed class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public const string JobsDashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private readonly RequestDelegate _next;

    public SecurityHeaders(RequestDelegate next)
    {
        _next = next;
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.PathBase.StartsWithSegments(StoreBooks.Web.Operations.JobsDashboard.Path, StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.StartsWithSegments(StoreBooks.Web.Operations.JobsDashboard.Path, StringComparison.OrdinalIgnoreCase)
                ? JobsDashboardPolicy
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return _next(context);
    }
}
