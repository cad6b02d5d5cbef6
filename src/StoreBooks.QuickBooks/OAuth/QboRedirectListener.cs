using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StoreBooks.QuickBooks.OAuth;

/// <summary>What Intuit's redirect brought back after the merchant approved the connection.</summary>
public sealed record QboAuthorizationCallback(string Code, string RealmId);

/// <summary>
/// A one-shot HTTP listener on 127.0.0.1 that receives Intuit's redirect (<c>code</c>, <c>state</c>, <c>realmId</c>),
/// checks the state, and shows the merchant a page saying whether the connection worked.
/// </summary>
public sealed class QboRedirectListener : IDisposable
{
    private readonly HttpListener _listener;
    private readonly string _path;

    private QboRedirectListener(HttpListener listener, Uri redirectUri)
    {
        _listener = listener;
        RedirectUri = redirectUri;
        _path = redirectUri.AbsolutePath;
    }

    /// <summary>The address to register as the app's redirect URI and pass to the authorize URL.</summary>
    public Uri RedirectUri { get; }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 picks a free port) at <paramref name="path"/>.</summary>
    public static QboRedirectListener Start(int port = 0, string path = "/callback")
    {
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        if (!path.EndsWith('/'))
        {
            path += "/";
        }

        for (var attempt = 0; ; attempt++)
        {
            var chosen = port == 0 ? FreeLoopbackPort() : port;
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{chosen}{path}");
            try
            {
                listener.Start();
                return new QboRedirectListener(listener, new Uri($"http://127.0.0.1:{chosen}{path.TrimEnd('/')}"));
            }
            catch (HttpListenerException e) when (port == 0 && attempt < 5)
            {
                _ = e;
                listener.Close();
            }
            catch (HttpListenerException e)
            {
                listener.Close();
                throw new QboOAuthException($"Could not listen for the QuickBooks redirect on 127.0.0.1:{chosen}: {e.Message}. Choose another port.", null, null, e);
            }
        }
    }

    /// <summary>
    /// Waits for the redirect. Throws <see cref="QboOAuthException"/> when the merchant declined (<c>error</c>), the state
    /// does not match <paramref name="expectedState"/>, or <c>code</c>/<c>realmId</c> is missing.
    /// </summary>
    public async Task<QboAuthorizationCallback> WaitForCallbackAsync(string expectedState, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(expectedState);
        using var registration = cancellationToken.Register(() => _listener.Stop());
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("Stopped waiting for the QuickBooks redirect.", e, cancellationToken);
            }

            var path = context.Request.Url?.AbsolutePath ?? string.Empty;
            if (!path.TrimEnd('/').Equals(_path.TrimEnd('/'), StringComparison.Ordinal))
            {
                await RespondAsync(context, 404, "Not found", "This address only receives the QuickBooks redirect.").ConfigureAwait(false);
                continue;
            }

            var query = context.Request.QueryString;
            var error = query["error"];
            if (!string.IsNullOrEmpty(error))
            {
                await RespondAsync(context, 400, "QuickBooks was not connected", $"Intuit answered: {error}. Run the connect command again to retry.").ConfigureAwait(false);
                throw new QboOAuthException($"The QuickBooks authorization was not granted: {error}{(query["error_description"] is { } d ? " (" + d + ")" : string.Empty)}.", error, null);
            }

            if (!QboAuthorizationState.Matches(expectedState, query["state"]))
            {
                await RespondAsync(context, 400, "QuickBooks was not connected", "The redirect's state does not match this connect attempt. Start the connect command again.").ConfigureAwait(false);
                throw new QboOAuthException("The QuickBooks redirect carried a state that does not match the one sent; the redirect was refused (possible forgery or a stale browser tab). Start the connect command again.", "state_mismatch", null);
            }

            var code = query["code"];
            var realmId = query["realmId"];
            if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(realmId))
            {
                await RespondAsync(context, 400, "QuickBooks was not connected", "The redirect lacked the authorization code or company id.").ConfigureAwait(false);
                throw new QboOAuthException("The QuickBooks redirect lacked 'code' or 'realmId'; choose a company on Intuit's page and try again.", "invalid_request", null);
            }

            await RespondAsync(context, 200, "QuickBooks connected", "StoreBooks received the authorization. You can close this tab.").ConfigureAwait(false);
            return new QboAuthorizationCallback(code, realmId);
        }
    }

    public void Dispose() => _listener.Close();

    private static async Task RespondAsync(HttpListenerContext context, int status, string title, string text)
    {
        var html = $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head><body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p></body></html>";
        var bytes = Encoding.UTF8.GetBytes(html);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
