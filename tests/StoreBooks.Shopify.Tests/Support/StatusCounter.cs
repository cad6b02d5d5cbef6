using System.Collections.Concurrent;
using System.Net;

namespace StoreBooks.Shopify.Tests.Support;

/// <summary>
/// Passes every request on to the real network handler and counts the statuses that came back over the wire, so a test can
/// say how many 429s the emulator answered. It changes nothing.
/// </summary>
public sealed class StatusCounter() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentDictionary<HttpStatusCode, int> _counts = new();
    private readonly ConcurrentQueue<string> _paths = new();
    private int _requests;

    public int Requests => _requests;

    /// <summary>The path of every request sent, in order.</summary>
    public IReadOnlyCollection<string> Paths => _paths;

    public int Count(HttpStatusCode status) => _counts.GetValueOrDefault(status);

    public void Reset()
    {
        _counts.Clear();
        _paths.Clear();
        Interlocked.Exchange(ref _requests, 0);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        _paths.Enqueue(request.RequestUri?.AbsolutePath ?? "");
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        _counts.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
        return response;
    }
}
