using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Http;

/// <summary>
/// The last line of defence for the store emulators: an exception no endpoint caught becomes the platform's own generic 500
/// (WooCommerce's "critical error" with the error under <c>data.error</c>, as WordPress shows it in debug mode; Shopify's
/// <c>{"errors":"Internal Server Error"}</c> with the cause in <c>X-StoreBooks-Emulator-Error</c>), never an empty answer.
/// Malformed input is refused by each endpoint's own validation; reaching this handler is an emulator defect.
/// QuickBooks Online's API has its own handler with QBO's SystemFault shape (<c>AccountingApi</c>).
/// </summary>
internal static class LastResortErrors
{
    public const string ErrorHeader = "X-StoreBooks-Emulator-Error";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (RejectedRequestException rejected) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = rejected.Status;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(StoreJson.Write(rejected.Body), context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var path = context.Request.Path;
            JsonObject body;
            if (path.StartsWithSegments("/wp-json", StringComparison.Ordinal) || path.StartsWithSegments("/emulator/woocommerce", StringComparison.Ordinal))
            {
                body = new JsonObject
                {
                    ["code"] = "internal_server_error",
                    ["message"] = "There has been a critical error on this website.",
                    ["data"] = new JsonObject { ["status"] = 500, ["error"] = new JsonObject { ["type"] = e.GetType().Name, ["message"] = e.Message } },
                };
            }
            else if (path.StartsWithSegments("/admin", StringComparison.Ordinal) || path.StartsWithSegments("/emulator/shopify", StringComparison.Ordinal))
            {
                body = new JsonObject { ["errors"] = "Internal Server Error" };
            }
            else
            {
                throw;
            }

            context.Response.Clear();
            context.Response.StatusCode = 500;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers[ErrorHeader] = Sanitize(e.GetType().Name + ": " + e.Message);
            await context.Response.WriteAsync(StoreJson.Write(body), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static string Sanitize(string text)
    {
        var chars = text.Select(c => c is >= ' ' and <= '~' ? c : '?').Take(300).ToArray();
        return new string(chars);
    }
}
