using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.Rest;

/// <summary>
/// Runs before every <c>/admin</c> call: injected faults, the API version, <c>X-Shopify-Access-Token</c>, and for REST the
/// leaky bucket (<c>X-Shopify-Shop-Api-Call-Limit</c>, 429 with <c>Retry-After</c>). GraphQL is limited by query cost instead.
/// </summary>
internal static class ShopifyGate
{
    public const string InvalidToken = "[API] Invalid API key or access token (unrecognized login or wrong password)";
    public const string Exceeded = "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, ShopifyEmulator shopify)
    {
        var fault = shopify.Faults.Next();
        if (fault.Latency > TimeSpan.Zero)
        {
            await Task.Delay(fault.Latency, shopify.Time, context.RequestAborted).ConfigureAwait(false);
        }

        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var version = segments.Length >= 3 && segments[1] == "api" ? segments[2] : ShopifyApiVersions.OldestSupported(shopify.Time.GetUtcNow());
        if (!ShopifyApiVersions.IsValid(version))
        {
            await Write(context, 404, new JsonObject { ["errors"] = "Not Found" }).ConfigureAwait(false);
            return;
        }

        context.Response.Headers["X-Shopify-API-Version"] = version;
        context.Items[ShopifyEmulator.VersionItem] = version;

        var token = context.Request.Headers["X-Shopify-Access-Token"].ToString();
        if (token.Length == 0 || !shopify.Options.AccessTokens.Contains(token))
        {
            await Write(context, 401, new JsonObject { ["errors"] = InvalidToken }).ConfigureAwait(false);
            return;
        }

        var graphql = context.Request.Path.Value!.EndsWith("/graphql.json", StringComparison.Ordinal);
        if (!graphql)
        {
            var (allowed, used) = shopify.RestBucket.Take(token);
            context.Response.Headers["X-Shopify-Shop-Api-Call-Limit"] = $"{used}/{shopify.RestBucket.Size}";
            if (!allowed || fault.Status == 429)
            {
                shopify.Faults.CountThrottled();
                context.Response.Headers.RetryAfter = "2.0";
                await Write(context, 429, new JsonObject { ["errors"] = Exceeded }).ConfigureAwait(false);
                return;
            }
        }
        else if (fault.Status == 429)
        {
            shopify.Faults.CountThrottled();
            context.Response.Headers.RetryAfter = "2.0";
            await Write(context, 429, new JsonObject { ["errors"] = "Throttled" }).ConfigureAwait(false);
            return;
        }

        if (fault.Status is { } status and not 429)
        {
            await Write(context, status, new JsonObject { ["errors"] = status == 503 ? "Service Unavailable" : "Internal Server Error" }).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static Task Write(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(StoreJson.Write(body), context.RequestAborted);
    }
}
