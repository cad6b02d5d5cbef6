using System.Net;
using System.Net.Http.Headers;
using Polly.Timeout;
using StoreBooks.QuickBooks.Http;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Http;

public sealed class QboRetryClassifierTests
{
    private static HttpRequestMessage Request(HttpMethod method, bool isRead, string? requestId)
    {
        var request = new HttpRequestMessage(method, "http://127.0.0.1/v3/company/1/item");
        request.Options.Set(QboCall.Key, new QboCall("1", "Item", "x", isRead, requestId));
        return request;
    }

    [Fact]
    public void A_post_without_requestid_is_never_retried()
    {
        using var request = Request(HttpMethod.Post, isRead: false, requestId: null);
        using var unavailable = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.False(QboRetryClassifier.ShouldRetry(request, unavailable, null));
        Assert.False(QboRetryClassifier.ShouldRetry(request, throttled, null));
        Assert.False(QboRetryClassifier.ShouldRetry(request, null, new HttpRequestException("connection reset")));
    }

    [Fact]
    public void A_post_with_requestid_and_a_query_post_retry_on_transient_failures()
    {
        using var write = Request(HttpMethod.Post, isRead: false, requestId: "r-1");
        using var query = Request(HttpMethod.Post, isRead: true, requestId: null);
        foreach (var request in new[] { write, query })
        {
            using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            using var failed = new HttpResponseMessage(HttpStatusCode.InternalServerError);
            Assert.True(QboRetryClassifier.ShouldRetry(request, throttled, null));
            Assert.True(QboRetryClassifier.ShouldRetry(request, failed, null));
            Assert.True(QboRetryClassifier.ShouldRetry(request, null, new HttpRequestException("reset")));
            Assert.True(QboRetryClassifier.ShouldRetry(request, null, new TimeoutRejectedException()));
        }
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public void Client_errors_are_not_retried(HttpStatusCode status)
    {
        using var request = Request(HttpMethod.Get, isRead: true, requestId: null);
        using var response = new HttpResponseMessage(status);

        Assert.False(QboRetryClassifier.ShouldRetry(request, response, null));
    }

    [Fact]
    public void Cancellation_is_not_retried()
    {
        using var request = Request(HttpMethod.Get, isRead: true, requestId: null);

        Assert.False(QboRetryClassifier.ShouldRetry(request, null, new OperationCanceledException()));
    }

    [Fact]
    public void A_429_waits_for_retry_after_or_the_configured_delay()
    {
        var options = new QboRetryOptions { ThrottledDelay = TimeSpan.FromSeconds(60), MaxRetryAfter = TimeSpan.FromSeconds(90) };
        using var withHeader = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        withHeader.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var withoutHeader = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var excessive = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        excessive.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1));
        using var serverError = new HttpResponseMessage(HttpStatusCode.InternalServerError);

        Assert.Equal(TimeSpan.FromSeconds(7), QboHttpPipeline.ThrottleDelay(withHeader, options));
        Assert.Equal(TimeSpan.FromSeconds(60), QboHttpPipeline.ThrottleDelay(withoutHeader, options));
        Assert.Equal(TimeSpan.FromSeconds(90), QboHttpPipeline.ThrottleDelay(excessive, options));
        Assert.Null(QboHttpPipeline.ThrottleDelay(serverError, options));
    }
}
