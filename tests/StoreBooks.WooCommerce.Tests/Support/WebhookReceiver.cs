using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace StoreBooks.WooCommerce.Tests.Support;

/// <summary>A loopback endpoint that records each webhook POST (headers and raw body) and answers 200.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> _received = new();

    public WebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/hooks/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = Task.Run(ListenAsync);
    }

    public Uri Url { get; }

    /// <summary>Waits (real time, at most 10 s) for the <paramref name="count"/>th delivery.</summary>
    public async Task<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> WaitForAsync(int count)
    {
        for (var until = DateTime.UtcNow.AddSeconds(10); _received.Count < count && DateTime.UtcNow < until;)
        {
            await Task.Delay(20);
        }

        return _received.ElementAt(count - 1);
    }

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _received.Enqueue((headers, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
