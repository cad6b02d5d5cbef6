using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StoreBooks.Emulators.Qbo.Api.Http;

/// <summary>Writes a QBO response: JSON with QBO's content type and an <c>intuit_tid</c> transaction id header.</summary>
internal static class QboResponse
{
    public const string ContentType = "application/json;charset=utf-8";

    public static Task WriteAsync(HttpContext context, int status, JsonObject body) =>
        WriteAsync(context, status, body.ToJsonString());

    public static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.Headers["intuit_tid"] = "1-" + Guid.NewGuid().ToString("N")[..24];
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
