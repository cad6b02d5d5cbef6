using System.Collections.Concurrent;

namespace StoreBooks.Shopify.Tests.Support;

/// <summary>Passes every request on to the real network handler and keeps the body of each GraphQL request sent, so a test can say which queries went out. It changes nothing.</summary>
public sealed class GraphQLRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly ConcurrentQueue<string> _urls = new();

    /// <summary>Every request's path and query, GraphQL and REST, in order.</summary>
    public IReadOnlyCollection<string> Urls => _urls;

    /// <summary>The body of every request to <c>graphql.json</c>, in order.</summary>
    public IReadOnlyCollection<string> Bodies => _bodies;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _urls.Enqueue(request.RequestUri?.PathAndQuery ?? "");
        if (request.RequestUri?.AbsolutePath.EndsWith("graphql.json", StringComparison.Ordinal) == true && request.Content is not null)
        {
            _bodies.Enqueue(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
