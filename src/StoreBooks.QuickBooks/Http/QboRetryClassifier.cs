using System.Net;
using Polly.Timeout;

namespace StoreBooks.QuickBooks.Http;

/// <summary>
/// The one place that decides whether a failed attempt is sent again. Only replayable requests retry: reads (GET, and
/// POST /query marked as a read) and writes carrying a requestid. A POST without one is never retried.
/// </summary>
public static class QboRetryClassifier
{
    public static bool ShouldRetry(HttpRequestMessage? request, HttpResponseMessage? response, Exception? exception)
    {
        if (request is null || !IsReplayable(request))
        {
            return false;
        }

        if (exception is not null)
        {
            return exception is HttpRequestException or TimeoutRejectedException or IOException;
        }

        if (response is null)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            || status >= 500;
    }

    public static bool IsReplayable(HttpRequestMessage request)
    {
        if (QboCall.Of(request) is { } call)
        {
            return call.IsReplayable;
        }

        return request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
    }
}
