using System.Text.Json.Nodes;

namespace StoreBooks.Hosting.Tests.Adversarial;

/// <summary>
/// The merchant acting at one precise moment of a sync: just before StoreBooks asks the WooCommerce site for a later page of the
/// order list (the next request for the list after one that answered orders), once. It sits in the pipeline of the real
/// HttpClient StoreBooks sends with and changes nothing of the requests or answers; <see cref="Act"/> is handed the orders of the last list page answered.
/// </summary>
internal sealed class MerchantBetweenPages(Func<JsonArray, Task> act) : DelegatingHandler(new HttpClientHandler())
{
    private readonly Lock _gate = new();
    private JsonArray? _lastPage;
    private bool _acted;

    public Func<JsonArray, Task> Act { get; } = act;

    /// <summary>The list requests seen, in order (path and query).</summary>
    public List<string> Lists { get; } = [];

    public bool Acted => _acted;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var isList = request.Method == HttpMethod.Get && uri.AbsolutePath.TrimEnd('/').EndsWith("/wc/v3/orders", StringComparison.Ordinal);
        JsonArray? actOn = null;
        if (isList)
        {
            // Any list request after one that answered orders asks for a later page, whether by number, offset or placing time.
            lock (_gate)
            {
                Lists.Add(uri.PathAndQuery);
                if (!_acted && _lastPage is { Count: > 0 })
                {
                    _acted = true;
                    actOn = _lastPage;
                }
            }
        }

        if (actOn is not null)
        {
            await Act(actOn);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (isList && response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonArray;
            lock (_gate)
            {
                _lastPage = page;
            }
        }

        return response;
    }
}
