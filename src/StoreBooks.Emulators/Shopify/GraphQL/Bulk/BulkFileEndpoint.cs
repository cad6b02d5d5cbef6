using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>
/// <c>GET /shopify-bulk-files/{number}.jsonl?signature=…</c>: a bulk operation's JSONL file, streamed from disk. Like the
/// signed storage URL Shopify hands out, it is outside <c>/admin</c> and needs no access token, only the signature in the
/// URL; it stops working when the URL expires (seven days after completion).
/// </summary>
internal static class BulkFileEndpoint
{
    public const string Path = "shopify-bulk-files";

    public static Uri Url(Uri origin, BulkOperation operation) =>
        new(origin, $"{Path}/{operation.Number.ToString(CultureInfo.InvariantCulture)}.jsonl?signature={operation.Signature}");

    public static void Map(WebApplication app, ShopifyEmulator shopify)
    {
        app.MapGet($"/{Path}/{{number:long}}.jsonl", (long number, HttpContext context) =>
        {
            var operation = shopify.Bulk.Find(number);
            var signature = context.Request.Query["signature"].ToString();
            if (operation is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(operation.Signature)))
            {
                return Results.Text("AccessDenied: the signature does not match.", "text/plain", statusCode: 403);
            }

            var state = operation.Observe(shopify.Time.GetUtcNow(), shopify.Options);
            if (!(state.HasUrl || state.Partial) || !File.Exists(operation.FilePath))
            {
                return Results.Text(state.Status == "EXPIRED" ? "ExpiredToken: the URL has expired." : "NoSuchKey: the file is not ready.", "text/plain", statusCode: state.Status == "EXPIRED" ? 400 : 404);
            }

            var stream = new FileStream(operation.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Results.Stream(stream, "application/jsonl");
        });
    }
}
