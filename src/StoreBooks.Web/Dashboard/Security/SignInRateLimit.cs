using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using StoreBooks.Web.Dashboard.Resources;

namespace StoreBooks.Web.Dashboard.Security;

/// <summary>
/// Limits password guessing: the sign-in and sign-up forms take <see cref="ServeOptions.SignInPermits"/> posts per address in
/// each <see cref="ServeOptions.SignInRateWindow"/>; more are answered 429 with a message to wait. Showing the forms is not limited.
/// </summary>
internal sealed class SignInRateLimit : IRateLimiterPolicy<string>
{
    public const string Name = "sign-in";

    private readonly ServeOptions _options;

    public SignInRateLimit(ServeOptions options)
    {
        _options = options;
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, token) =>
    {
        var http = context.HttpContext;
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<DashboardText>>();
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(_options.SignInRateWindow.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(text["TooManySignIns"], token).ConfigureAwait(false);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        HttpMethods.IsPost(httpContext.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(
                $"sign-in {httpContext.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = _options.SignInPermits, Window = _options.SignInRateWindow, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("read");
}
