using System.Net;
using System.Net.Http.Headers;
using StoreBooks.QuickBooks.OAuth;

namespace StoreBooks.QuickBooks.Http;

/// <summary>
/// Puts the connection's bearer token on each request and, when QBO answers 401 (3200: expired or invalid token), gets
/// a refreshed token and sends the request once more. A 401 replay is safe even for writes: QBO did not run the request.
/// </summary>
public sealed class QboAuthHandler(QboTokenKeeper tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        var refreshed = await tokens.GetTokenAfterRejectionAsync(token, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
