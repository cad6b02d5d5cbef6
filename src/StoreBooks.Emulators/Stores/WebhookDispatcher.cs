using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;

namespace StoreBooks.Emulators.Stores;

/// <summary>
/// Posts a store emulator's webhook deliveries in the background, the way real stores misbehave:
/// with a seeded chance a delivery is sent twice (same ids) or held back and sent after the next one,
/// and failed deliveries are retried when the platform does so. It posts only to loopback addresses.
/// </summary>
public sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly Channel<PendingDelivery> _queue = Channel.CreateUnbounded<PendingDelivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<WebhookAttempt> _log = new();
    private readonly WebhookBehaviour _behaviour;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _randomGate = new();
    private Random _random;
    private int _inFlight;

    public WebhookDispatcher(WebhookBehaviour behaviour, TimeProvider time)
    {
        _behaviour = behaviour;
        _time = time;
        _random = new Random(behaviour.Seed);
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1), UseProxy = false })
        {
            Timeout = behaviour.Timeout,
        };
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Chance (0..1) that a delivery is sent twice.</summary>
    public double DuplicateProbability { get; set; }

    /// <summary>Chance (0..1) that a delivery is held back and sent after the one that follows it.</summary>
    public double ReorderProbability { get; set; }

    /// <summary>Every attempt so far, oldest first (the admin endpoint shows it; tests read it).</summary>
    public IReadOnlyList<WebhookAttempt> Attempts => [.. _log];

    /// <summary>Deliveries queued, held back or being posted.</summary>
    public int Pending => Volatile.Read(ref _inFlight);

    /// <summary>Reseeds the generator that decides duplicates and reordering.</summary>
    public void Reseed(int seed)
    {
        lock (_randomGate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Queues one delivery; <paramref name="onResult"/> hears whether each attempt succeeded.</summary>
    public void Enqueue(WebhookMessage message, Action<WebhookMessage, bool>? onResult = null)
    {
        Interlocked.Increment(ref _inFlight);
        _queue.Writer.TryWrite(new PendingDelivery(message, 1, onResult));
    }

    /// <summary>Waits until nothing is queued, held or in flight (or the timeout passes; real time).</summary>
    public async Task<bool> WaitIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var until = DateTime.UtcNow + timeout;
        while (Pending > 0)
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private bool Draw(double probability)
    {
        if (probability <= 0)
        {
            return false;
        }

        lock (_randomGate)
        {
            return _random.NextDouble() < probability;
        }
    }

    private async Task RunAsync()
    {
        PendingDelivery? held = null;
        var reader = _queue.Reader;
        while (!_stop.IsCancellationRequested)
        {
            PendingDelivery? next = null;
            try
            {
                if (held is null)
                {
                    next = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                }
                else if (reader.TryRead(out var ready))
                {
                    next = ready;
                }
                else
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    var readable = reader.WaitToReadAsync(wait.Token).AsTask();
                    var timeout = Task.Delay(_behaviour.HoldTimeout, _time, wait.Token);
                    await Task.WhenAny(readable, timeout).ConfigureAwait(false);
                    await wait.CancelAsync().ConfigureAwait(false);
                    if (!reader.TryRead(out next))
                    {
                        var late = held;
                        held = null;
                        await SendAsync(late).ConfigureAwait(false);
                        continue;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ChannelClosedException)
            {
                break;
            }

            if (next.Attempt == 1 && held is null && Draw(ReorderProbability))
            {
                held = next;
                continue;
            }

            await SendAsync(next).ConfigureAwait(false);
            if (held is not null)
            {
                var late = held;
                held = null;
                await SendAsync(late).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(PendingDelivery delivery)
    {
        var copies = delivery.Attempt == 1 && Draw(DuplicateProbability) ? 2 : 1;
        var succeeded = false;
        for (var copy = 0; copy < copies; copy++)
        {
            var ok = await PostAsync(delivery.Message, delivery.Attempt, copy > 0).ConfigureAwait(false);
            succeeded |= ok;
            delivery.OnResult?.Invoke(delivery.Message, ok);
        }

        if (!succeeded && delivery.Attempt < _behaviour.MaxAttempts && !_stop.IsCancellationRequested)
        {
            var retry = delivery with { Attempt = delivery.Attempt + 1 };
            _ = Task.Delay(_behaviour.RetryDelay, _time, _stop.Token).ContinueWith(
                _ => _queue.Writer.TryWrite(retry),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
            return;
        }

        Interlocked.Decrement(ref _inFlight);
    }

    private async Task<bool> PostAsync(WebhookMessage message, int attempt, bool duplicate)
    {
        if (!IsLoopback(message.Address))
        {
            _log.Enqueue(new WebhookAttempt(message.Topic, message.DeliveryId, message.Address.ToString(), attempt, duplicate, null,
                "not sent: the emulator delivers webhooks only to loopback addresses (127.0.0.0/8, ::1, localhost)", _time.GetUtcNow()));
            return false;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, message.Address);
        request.Content = new ByteArrayContent(message.Body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(message.ContentType);
        foreach (var (name, value) in message.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _http.SendAsync(request, _stop.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var ok = _behaviour.IsSuccess(status);
            _log.Enqueue(new WebhookAttempt(message.Topic, message.DeliveryId, message.Address.ToString(), attempt, duplicate, status,
                ok ? null : $"receiver answered {status}", _time.GetUtcNow()));
            return ok;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _log.Enqueue(new WebhookAttempt(message.Topic, message.DeliveryId, message.Address.ToString(), attempt, duplicate, null,
                $"delivery failed: {e.Message}", _time.GetUtcNow()));
            return false;
        }
    }

    private static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.IdnHost, out var ip) && IPAddress.IsLoopback(ip));

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

    private sealed record PendingDelivery(WebhookMessage Message, int Attempt, Action<WebhookMessage, bool>? OnResult);
}

/// <summary>One signed webhook POST, ready to send.</summary>
public sealed record WebhookMessage(
    Uri Address,
    string Topic,
    string DeliveryId,
    byte[] Body,
    string ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>How a platform's deliveries behave: what counts as success, retries, timeouts, and the seed for misbehaviour.</summary>
public sealed record WebhookBehaviour
{
    public int MaxAttempts { get; init; } = 1;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest time a held-back delivery waits for a successor before it is sent anyway.</summary>
    public TimeSpan HoldTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public int Seed { get; init; } = 1;

    public Func<int, bool> IsSuccess { get; init; } = status => status is >= 200 and < 300;
}

/// <summary>One attempt to post a webhook, as the admin endpoint lists it.</summary>
public sealed record WebhookAttempt(
    string Topic,
    string DeliveryId,
    string Address,
    int Attempt,
    bool Duplicate,
    int? Status,
    string? Error,
    DateTimeOffset At);
