using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Health;

namespace StoreBooks.Web.Operations;

/// <summary>
/// <c>GET /healthz</c>, for load balancers and orchestrators: the state store answers (SQLite on one machine, PostgreSQL in
/// hosted mode) and, with a job engine, its storage answers and some job server is alive. 200 when all is well, else 503; the
/// JSON body names each part and what is down: <c>{"status":"unhealthy","down":["database"],"checks":[{"name":"database",
/// "healthy":false,"detail":"unreachable"}]}</c>. No sign-in, and nothing in it but those words: no address, user name or
/// error text (the cause goes to the log). <c>/health</c> stays the plain liveness answer.
/// </summary>
internal static partial class HealthEndpoint
{
    public const string Path = "/healthz";

    /// <summary>A part that has not answered by then is down.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static void MapHealthz(this WebApplication app) => app.MapGet(Path, HandleAsync);

    private static async Task HandleAsync(HttpContext context, IStateStore state, ServeOptions options, ILoggerFactory loggers)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(Timeout);
        List<ComponentHealth> checks = [await DatabaseAsync(state, timeout.Token).ConfigureAwait(false)];
        if (options.Engine is { } engine)
        {
            checks.AddRange(await engine.CheckHealthAsync(timeout.Token).ConfigureAwait(false));
        }

        var logger = loggers.CreateLogger(typeof(HealthEndpoint).FullName!);
        foreach (var check in checks.Where(c => !c.Healthy))
        {
            LogDown(logger, check.Name, check.Detail, check.Cause);
        }

        var down = checks.Where(c => !c.Healthy).Select(c => c.Name).ToList();
        var body = new JsonObject
        {
            ["status"] = down.Count == 0 ? "healthy" : "unhealthy",
            ["down"] = new JsonArray([.. down.Select(name => (JsonNode)name)]),
            ["checks"] = new JsonArray([.. checks.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["healthy"] = c.Healthy, ["detail"] = c.Detail })]),
        };
        context.Response.StatusCode = down.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<ComponentHealth> DatabaseAsync(IStateStore state, CancellationToken cancellationToken)
    {
        try
        {
            // One small read of a table every store has.
            await state.Users.AnyAsync(cancellationToken).ConfigureAwait(false);
            return new ComponentHealth("database", true, "reachable");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ComponentHealth("database", false, "unreachable") { Cause = e };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check: {Component} is {Detail}")]
    private static partial void LogDown(ILogger logger, string component, string detail, Exception? exception);
}
