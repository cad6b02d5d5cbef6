using Microsoft.Extensions.Logging;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Scheduling;

namespace StoreBooks.Hosting.Webhooks;

/// <summary>One event a delivery reports: its id (the key duplicates are dropped on) and topic.</summary>
public sealed record WebhookEvent(string EventId, string? Topic);

/// <summary>What became of a verified delivery.</summary>
/// <param name="New">Events not seen before.</param>
/// <param name="Duplicates">Events already seen (a redelivery or a duplicate).</param>
/// <param name="Nudged">Whether a sync was asked for.</param>
public sealed record WebhookOutcome(int New, int Duplicates, bool Nudged)
{
    public string Describe() => Nudged ? "sync requested" : New == 0 ? "duplicate, already handled" : "recorded, no sync needed";
}

/// <summary>
/// What a verified webhook delivery does: its events are recorded in the inbox (a duplicate is dropped there), and when one is
/// new and worth a sync, the connection is asked to sync soon and the dispatcher woken. The payload itself goes nowhere: the
/// sync reads the store's API, which is the truth, and the schedule catches any webhook that never came.
/// </summary>
public sealed partial class WebhookIntake
{
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

    /// <summary>
    /// Records <paramref name="events"/> for the connection and asks for a sync when one is new and <paramref name="nudge"/>
    /// says the delivery is worth one. If asking fails, the events are forgotten again so the provider's retry counts as new.
    /// </summary>
    public async Task<WebhookOutcome> AcceptAsync(Connection connection, string provider, IReadOnlyCollection<WebhookEvent> events, bool nudge, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var added = new List<WebhookEvent>();
        foreach (var item in events.DistinctBy(e => e.EventId, StringComparer.Ordinal))
        {
            if (await _state.Webhooks.TryAddAsync(new WebhookDelivery(connection.Id, provider, item.EventId, item.Topic, now), cancellationToken).ConfigureAwait(false))
            {
                added.Add(item);
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

        var outcome = new WebhookOutcome(added.Count, events.Count - added.Count, nudged);
        LogAccepted(provider, connection.Name, string.Join(",", events.Select(e => e.Topic).Distinct()), outcome.Describe());
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook from {Provider} for {Connection} ({Topics}): {Outcome}")]
    private partial void LogAccepted(string provider, string connection, string topics, string outcome);
}
