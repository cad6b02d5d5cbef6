using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Http;

/// <summary>
/// A store request refused for its input, carrying the platform's own answer (status and body). Thrown where a body or
/// parameter is read and written by <see cref="LastResortErrors"/>, so endpoints need not thread the refusal back by hand.
/// </summary>
internal sealed class RejectedRequestException(int status, JsonNode body, string? message = null)
    : Exception(message ?? body.ToJsonString())
{
    public int Status { get; } = status;

    public JsonNode Body { get; } = body;
}
