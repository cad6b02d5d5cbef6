using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StoreBooks.Dashboard.Tests.Support;

/// <summary>
/// The proxy a merchant puts in front of <c>storebooks serve</c>, on loopback: the browser sends it the requests for the public
/// address (as its HTTP proxy), and it forwards each to the server's inner address over plain http, with the inner Host, never
/// following a redirect nor keeping a cookie.
/// </summary>
public sealed class ReverseProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Proxy-Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private ReverseProxy(WebApplication app, HttpClient http, Uri address)
    {
        _app = app;
        _http = http;
        Address = address;
    }

    /// <summary>Where the browser reaches the proxy, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; }

    public static async Task<ReverseProxy> StartAsync(Uri inner)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        app.Run(context => ForwardAsync(http, inner, context));
        await app.StartAsync();
        return new ReverseProxy(app, http, new Uri(app.Urls.First()));
    }

    private static async Task ForwardAsync(HttpClient http, Uri inner, HttpContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(inner, context.Request.Path + context.Request.QueryString));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, value) in context.Request.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, value.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value.ToArray());
            }
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, value) in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
        {
            context.Response.Headers[name] = value.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
