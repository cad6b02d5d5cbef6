using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Scheduling;

namespace StoreBooks.Hosting.Webhooks;

/// <summary>One event a delivery reports: its id (the key duplicates are dropped on) and topic.</summary>
public sealed record WebhookEvent(string EventId, string? Topic);

/// <summary>What became of a verified delivery.</summary>
/// <param name="New">Events not seen before.</param>
/// <param name="Duplicates">Events already seen (a redelivery or a duplicate), replays included.</param>
/// <param name="Replays">Of the duplicates, those under a new event id on a body already received within the replay window.</param>
/// <param name="Nudged">Whether a sync was asked for.</param>
public sealed record WebhookOutcome(int New, int Duplicates, int Replays, bool Nudged)
{
    public string Describe() => Nudged ? "sync requested" : New == 0 ? "duplicate, already handled" : "recorded, no sync needed";
}

/// <summary>
/// What a verified webhook delivery does: its events are recorded in the inbox (a duplicate is dropped there), and when one is
/// new and worth a sync, the connection is asked to sync soon and the dispatcher woken. The payload itself goes nowhere: the
/// sync reads the store's API, which is the truth, and the schedule catches any webhook that never came.
/// </summary>
/// <remarks>
/// A duplicate is known by its event id, and also by its body: Shopify's and WooCommerce's event ids travel in headers their
/// signature does not cover, so a captured delivery could be replayed, validly signed, under fresh ids. The same (connection,
/// provider, topic, SHA-256 of the raw body) within <see cref="ReplayWindow"/> of the first such delivery is a replay: answered
/// as a duplicate, recorded as one, and no sync.
/// </remarks>
public sealed partial class WebhookIntake
{
    /// <summary>How long after a delivery the same signed body under another event id is taken as a replay of it.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromHours(24);

    private readonly IStateStore _state;
    private readonly DispatchSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public WebhookIntake(IStateStore state, DispatchSignal signal, TimeProvider time, ILogger<WebhookIntake> logger)
    {
        _state = state;
        _signal = signal;
        _time = time;
        _logger = logger;
    }

    /// <summary>The hash a delivery's raw body is known by ("sha256:" and lower-case hex).</summary>
    public static string BodyHash(ReadOnlySpan<byte> body) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>
    /// Records <paramref name="events"/> of a delivery whose raw (signed) body is <paramref name="body"/> for the connection, and
    /// asks for a sync when one is new and <paramref name="nudge"/> says the delivery is worth one. The first event carries the
    /// body's hash: when it is a replay, so is the whole delivery, and its other events are not recorded. If asking for the sync
    /// fails, the new events are forgotten again so the provider's retry counts as new.
    /// </summary>
    public async Task<WebhookOutcome> AcceptAsync(
        Connection connection, string provider, IReadOnlyCollection<WebhookEvent> events, ReadOnlyMemory<byte> body, bool nudge, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var bodyHash = BodyHash(body.Span);
        var distinct = events.DistinctBy(e => e.EventId, StringComparer.Ordinal).ToList();
        var added = new List<WebhookEvent>();
        var replays = 0;
        for (var i = 0; i < distinct.Count; i++)
        {
            var item = distinct[i];
            var delivery = new WebhookDelivery(connection.Id, provider, item.EventId, item.Topic, now, i == 0 ? bodyHash : null);
            var admission = await _state.Webhooks.AddAsync(delivery, now - ReplayWindow, cancellationToken).ConfigureAwait(false);
            if (admission == WebhookAdmission.New)
            {
                added.Add(item);
            }
            else if (admission == WebhookAdmission.Replay)
            {
                replays++;
                LogReplay(provider, connection.Name, item.Topic, item.EventId, ReplayWindow.TotalHours);
                break;
            }
        }

        var nudged = false;
        if (added.Count > 0 && nudge)
        {
            try
            {
                await _state.Schedule.RequestAsync(connection.Id, "webhook", now, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                foreach (var item in added)
                {
                    await _state.Webhooks.RemoveAsync(connection.Id, provider, item.EventId, CancellationToken.None).ConfigureAwait(false);
                }

                throw;
            }

            nudged = true;
            _signal.Wake();
        }

        var outcome = new WebhookOutcome(added.Count, events.Count - added.Count, replays, nudged);
        LogAccepted(provider, connection.Name, string.Join(",", events.Select(e => e.Topic).Distinct()), outcome.Describe());
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook from {Provider} for {Connection} ({Topics}): {Outcome}")]
    private partial void LogAccepted(string provider, string connection, string topics, string outcome);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Webhook from {Provider} for {Connection} ({Topic}) replays a body already received in the last {Hours} h under a new event id {EventId}: recorded as a duplicate, no sync")]
    private partial void LogReplay(string provider, string connection, string? topic, string eventId, double hours);
}
