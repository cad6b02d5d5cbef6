using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using StoreBooks.Emulators.Qbo.Api;

namespace StoreBooks.Emulators.Qbo.Webhooks;

/// <summary>
/// Sends QBO's change notifications: every committed change (<see cref="QboCompanies.Changed"/>) is queued without
/// blocking the API call that made it; changes arriving within <see cref="QboEmulatorOptions.WebhookBatchWindow"/> of the
/// first go out together in one POST, signed in <c>intuit-signature</c>. A delivery not answered with 2xx is retried after
/// each of <see cref="QboEmulatorOptions.WebhookRetryDelays"/>, then abandoned. Deliveries are sequential.
/// </summary>
public sealed class QboWebhookSender : IAsyncDisposable
{
    private readonly Channel<QboEntityChange> _queue = Channel.CreateUnbounded<QboEntityChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly QboEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private QboWebhookSettings _settings;
    private Task _loop = Task.CompletedTask;
    private long _delivered, _failedAttempts, _abandoned;
    private string? _lastError;

    public QboWebhookSender(QboEmulatorOptions options, QboCompanies companies, TimeProvider time)
    {
        _options = options;
        _time = time;
        _settings = new QboWebhookSettings(options.WebhookUrl, options.WebhookVerifierToken, options.WebhookFormat);
        companies.Changed += Enqueue;
    }

    public QboWebhookSettings Settings => Volatile.Read(ref _settings);

    public QboWebhookStats Stats => new(Interlocked.Read(ref _delivered), Interlocked.Read(ref _failedAttempts), Interlocked.Read(ref _abandoned), Volatile.Read(ref _lastError));

    /// <summary>Changes the endpoint, key or shape from the next notification on; a null URL stops sending.</summary>
    public void Configure(QboWebhookSettings settings)
    {
        if (settings.Url is { } url && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            throw new ArgumentException($"Webhook URL '{url}' must be an absolute http or https URL.", nameof(settings));
        }

        if (string.IsNullOrEmpty(settings.VerifierToken))
        {
            throw new ArgumentException("The webhook verifier token must not be empty: it keys the intuit-signature HMAC.", nameof(settings));
        }

        Volatile.Write(ref _settings, settings);
    }

    internal void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private void Enqueue(QboEntityChange change)
    {
        if (Settings.Url is not null)
        {
            _queue.Writer.TryWrite(change);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_options.WebhookBatchWindow > TimeSpan.Zero)
            {
                await Task.Delay(_options.WebhookBatchWindow, _time, cancellationToken).ConfigureAwait(false);
            }

            var changes = new List<QboEntityChange>();
            while (reader.TryRead(out var change))
            {
                changes.Add(change);
            }

            var settings = Settings;
            if (settings.Url is null || changes.Count == 0)
            {
                continue;
            }

            var body = Encoding.UTF8.GetBytes(WebhookPayload.Build(settings.Format, changes, _options.ClientId));
            await DeliverAsync(settings, body, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(QboWebhookSettings settings, byte[] body, CancellationToken cancellationToken)
    {
        var signature = WebhookSignature.Sign(settings.VerifierToken, body);
        for (var attempt = 0; ; attempt++)
        {
            string error;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add(WebhookSignature.HeaderName, signature);
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _delivered);
                    return;
                }

                error = $"{settings.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error = $"{settings.Url}: {e.Message}";
            }

            Interlocked.Increment(ref _failedAttempts);
            Volatile.Write(ref _lastError, error);
            if (attempt >= _options.WebhookRetryDelays.Count)
            {
                Interlocked.Increment(ref _abandoned);
                return;
            }

            await Task.Delay(_options.WebhookRetryDelays[attempt], _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
