using Microsoft.AspNetCore.Http;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Webhooks;

namespace StoreBooks.Web.Webhooks;

/// <summary>What the webhook endpoints share: the raw body (bounded), headers, the connection of the URL, the answers.</summary>
internal static class WebhookRequest
{
    /// <summary>
    /// The raw body, exactly as sent (signatures are over these bytes); null when it is larger than <paramref name="maxBytes"/>,
    /// found by its length or, for a chunked body, by reading one byte past the limit and no further (the server's own limit
    /// is one byte above ours, so it never has to refuse the body itself).
    /// </summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes + 1L - buffer.Length)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    /// <summary>A header's first value; the name is also tried without its <c>X-</c> prefix, as some senders drop it.</summary>
    public static string? Header(HttpRequest request, string name)
    {
        var value = request.Headers[name].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value) && name.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
        {
            value = request.Headers[name[2..]].FirstOrDefault();
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The connection named in the URL (its id or its name) when it reads from <paramref name="kind"/>.</summary>
    public static async Task<Connection?> FindConnectionAsync(IStateStore state, string idOrName, string kind, CancellationToken cancellationToken)
    {
        var connection = Guid.TryParse(idOrName, out var id)
            ? await state.Connections.GetAsync(id, cancellationToken).ConfigureAwait(false)
            : await state.Connections.FindByNameAsync(idOrName, cancellationToken).ConfigureAwait(false);
        return connection is not null && string.Equals(connection.SourceKind, kind, StringComparison.Ordinal) ? connection : null;
    }

    /// <summary>The 401 of a connection whose webhook key is not set, or is stored but cannot be read: the command that sets it.</summary>
    public static IResult NoSecret(Connection connection, string provider, WebhookSecretState state) => Unauthorized(state == WebhookSecretState.Unreadable
        ? $"The {WebhookSecrets.Describe(provider)} of this connection cannot be read here: run {WebhookSecrets.SetCommand(connection.Name, provider)} to replace it."
        : $"No {WebhookSecrets.Describe(provider)} is set for this connection: run {WebhookSecrets.SetCommand(connection.Name, provider)}");

    public static IResult Ok(string text) => Results.Text(text + "\n", "text/plain", statusCode: StatusCodes.Status200OK);

    public static IResult Unauthorized(string text) => Results.Text(text + "\n", "text/plain", statusCode: StatusCodes.Status401Unauthorized);

    public static IResult NotFound(string text) => Results.Text(text + "\n", "text/plain", statusCode: StatusCodes.Status404NotFound);

    public static IResult BadRequest(string text) => Results.Text(text + "\n", "text/plain", statusCode: StatusCodes.Status400BadRequest);

    public static IResult TooLarge(int maxBytes) =>
        Results.Text($"The webhook body is larger than {maxBytes} bytes.\n", "text/plain", statusCode: StatusCodes.Status413PayloadTooLarge);
}
