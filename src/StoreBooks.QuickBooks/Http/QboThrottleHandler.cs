namespace StoreBooks.QuickBooks.Http;

/// <summary>
/// Keeps each attempt within its realm's budget (<see cref="QboRealmLimits"/>): waits for a slot and a per-window permit
/// (this process's, then the shared budget's in hosted mode) and holds the slot until the response body has been read, so the
/// server has finished with the request.
/// </summary>
public sealed class QboThrottleHandler(QboRealmLimits limits) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = QboCall.Of(request);
        if (call is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await using var lease = await limits.AcquireAsync(call.RealmId, cancellationToken, batch: call.Entity == "Batch").ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}
