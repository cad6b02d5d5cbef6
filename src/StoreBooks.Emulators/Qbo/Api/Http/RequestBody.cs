using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Http;
using StoreBooks.Emulators.Qbo.Api.Faults;

namespace StoreBooks.Emulators.Qbo.Api.Http;

/// <summary>
/// Reads a request body with a size limit and parses it as QBO does: empty is 2310, not JSON is 2010, a string holding a lone
/// UTF-16 surrogate is 2040 Invalid String naming its element.
/// </summary>
internal static class RequestBody
{
    public static async Task<string> ReadTextAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            throw Fault.BodyTooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw Fault.BodyTooLarge(limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw Fault.BodyTooLarge(limit);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static JsonObject ParseObject(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Fault.EmptyBody();
        }

        var node = StrictJson.Parse(text, out var problem, maxDepth: 64);
        if (problem is { InvalidString: true })
        {
            throw Fault.InvalidCharacters(problem.Element ?? "");
        }

        return node as JsonObject ?? throw Fault.UnparsableBody();
    }
}
