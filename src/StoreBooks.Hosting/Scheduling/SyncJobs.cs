using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Messages;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Progress;
using StoreBooks.Hosting.Sources;
using StoreBooks.Hosting.Telemetry;
using StoreBooks.Sync;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Hosting.Scheduling;

/// <summary>How a sync job ended.</summary>
public enum SyncJobStatus
{
    /// <summary>The sync ran; <see cref="SyncJobResult.Run"/> says how it went.</summary>
    Ran,

    /// <summary>Another run holds the QuickBooks company's lock; a later run was asked for instead.</summary>
    Busy,

    /// <summary>The connection no longer exists.</summary>
    NotFound,
}

/// <summary>What <see cref="SyncJobs.RunAsync"/> did.</summary>
public sealed record SyncJobResult(SyncJobStatus Status, SyncRun? Run = null)
{
    /// <summary>
    /// What stopped the run early: QuickBooks refused the authorization (only the merchant can reconnect) or could not be reached,
    /// the store could not be read; null when it ran to its end. A job engine decides from it whether to retry.
    /// </summary>
    public Exception? StoppedBy { get; init; }

    /// <summary>The run did the slice it was given and stopped before the end: the engine queues the connection's next run.</summary>
    public bool MoreToDo { get; init; }
}

/// <summary>
/// The one entry point of every scheduled, webhook-driven or engine-run sync: <see cref="RunAsync"/> takes the QuickBooks
/// company's lock or asks for a later run and returns at once, records the run's start and end in the schedule (the next
/// scheduled time is the end plus the connection's interval), and runs <see cref="SyncRunner"/>, reporting its progress to the
/// <see cref="ISyncProgressBoard"/> when it has one (the dashboard's live view reads it). Every line logged during a run
/// carries the run's workspace and connection (a logging scope: <see cref="SyncLogScope"/>), and each run is a span and a set of
/// measurements of <see cref="SyncTelemetry"/>. Its name, namespace and signature are meant to stay as they are: a job engine
/// stores calls to it.
/// </summary>
public sealed partial class SyncJobs
{
    private readonly IStateStore _state;
    private readonly QuickBooksConnections _quickBooks;
    private readonly SourceFactory _sources;
    private readonly IConnectionLock _locks;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ISyncProgressBoard? _board;

    public SyncJobs(
        IStateStore state, QuickBooksConnections quickBooks, SourceFactory sources, IConnectionLock locks, TimeProvider? time = null, ILoggerFactory? loggers = null, ISyncProgressBoard? board = null)
    {
        _board = board;
        _state = state;
        _quickBooks = quickBooks;
        _sources = sources;
        _locks = locks;
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<SyncJobs>();
    }

    /// <summary>The key of the lock a connection's runs take: its QuickBooks company, or itself while it has none.</summary>
    public static string LockKey(Connection connection) =>
        connection.QboRealmId is { Length: > 0 } realm ? "qbo-realm:" + realm : "connection:" + connection.Id.ToString("N");

    /// <summary>
    /// Runs one sync of the connection. <paramref name="reason"/> is the run's trigger ("schedule", "webhook", "manual").
    /// Problems a merchant must fix (not connected, a missing key) end the run as failed with a message that says what to run,
    /// and are not thrown; cancellation is.
    /// </summary>
    public Task<SyncJobResult> RunAsync(Guid connectionId, string reason, CancellationToken cancellationToken) =>
        RunAsync(connectionId, reason, null, cancellationToken);

    /// <summary>
    /// Runs one sync of the connection that stops after <paramref name="slice"/> (when the store's orders allow it: see
    /// <see cref="SyncRunner.Slice"/>) with <see cref="SyncJobResult.MoreToDo"/>; the caller queues the next one. Null runs to the end.
    /// </summary>
    public async Task<SyncJobResult> RunAsync(Guid connectionId, string reason, SyncSlice? slice, CancellationToken cancellationToken)
    {
        var connection = await _state.Connections.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return new SyncJobResult(SyncJobStatus.NotFound);
        }

        using var scope = _logger.BeginScope(new SyncLogScope(connection));
        using var activity = SyncTelemetry.Source.StartActivity("sync run");
        activity?.SetTag("storebooks.workspace.id", connection.WorkspaceId.ToString("D"));
        activity?.SetTag("storebooks.connection.id", connection.Id.ToString("D"));
        activity?.SetTag("storebooks.sync.trigger", reason);
        var waitStarted = _time.GetTimestamp();
        var held = await _locks.TryAcquireAsync(LockKey(connection), cancellationToken).ConfigureAwait(false);
        SyncTelemetry.LockWait.Record(_time.GetElapsedTime(waitStarted).TotalSeconds, new KeyValuePair<string, object?>("acquired", held is not null));
        if (held is null)
        {
            activity?.SetTag("storebooks.sync.outcome", "busy");
            await _state.Schedule.RequestAsync(connectionId, reason, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogBusy(connection.Name, connection.QboRealmId);
            return new SyncJobResult(SyncJobStatus.Busy);
        }

        await using (held.ConfigureAwait(false))
        {
            var startedAt = _time.GetUtcNow();
            await _state.Schedule.StartedAsync(connectionId, startedAt, cancellationToken).ConfigureAwait(false);
            _board?.Started(connectionId, reason, startedAt);
            SyncRun? run = null;
            Exception? stoppedBy = null;
            var moreToDo = false;
            try
            {
                var summary = await SyncAsync(connection, reason, slice, cancellationToken).ConfigureAwait(false);
                run = summary.Run;
                stoppedBy = summary.StoppedBy;
                moreToDo = summary.MoreToDo;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                run = await CloseRunAsync(connection, reason, startedAt, RunMessages.ProcessStopped.With()).ConfigureAwait(false);
                throw;
            }
            catch (Exception e)
            {
                LogFailed(e, connection.Name);
                stoppedBy = e;
                run = await CloseRunAsync(connection, reason, startedAt, SyncMessage.Untranslated(e.Message)).ConfigureAwait(false);
            }
            finally
            {
                var finishedAt = _time.GetUtcNow();
                var interval = Interval(connection);
                await _state.Schedule.FinishedAsync(connectionId, finishedAt, interval is { } every ? finishedAt + every : null, CancellationToken.None).ConfigureAwait(false);
                if (run is not null)
                {
                    _board?.Finished(connectionId, run, finishedAt);
                    SyncTelemetry.RecordRun(run, finishedAt - startedAt);
                    activity?.SetTag("storebooks.sync.outcome", SyncTelemetry.OutcomeName(run.Outcome));
                    if (run.Outcome == RunOutcome.Failed)
                    {
                        activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
                    }
                }
            }

            return new SyncJobResult(SyncJobStatus.Ran, run) { StoppedBy = stoppedBy, MoreToDo = moreToDo };
        }
    }

    private async Task<SyncSummary> SyncAsync(Connection connection, string reason, SyncSlice? slice, CancellationToken cancellationToken)
    {
        using var client = await _quickBooks.ClientForAsync(connection, cancellationToken).ConfigureAwait(false);
        var source = await _sources.CreateAsync(connection, _state.Credentials, cancellationToken).ConfigureAwait(false);
        var context = new SyncContext(connection, client, _state, _time, _loggers);
        var progress = _board is null ? null : new BoardProgress(_board, connection.Id, _time);
        return await new SyncRunner(context, source) { Slice = slice }.RunAsync(reason, progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the run this job left open as failed with <paramref name="error"/>, or records one when it never opened; a run the
    /// sync already closed (it ends its own run when cancelled) is left as it is.
    /// </summary>
    private async Task<SyncRun> CloseRunAsync(Connection connection, string reason, DateTimeOffset startedAt, SyncMessage error)
    {
        var recent = await _state.Runs.ListRunsAsync(connection.Id, 5, CancellationToken.None).ConfigureAwait(false);
        var opened = recent.FirstOrDefault(r => r.StartedAt >= startedAt);
        if (opened is { Outcome: not RunOutcome.Running })
        {
            return opened;
        }

        var run = opened ?? await _state.Runs.StartAsync(connection.Id, reason, startedAt, CancellationToken.None).ConfigureAwait(false);
        var closed = run with { FinishedAt = _time.GetUtcNow(), Outcome = RunOutcome.Failed, Error = error.Text, ErrorDetail = error.Code is null ? null : error };
        await _state.Runs.FinishAsync(closed, CancellationToken.None).ConfigureAwait(false);
        return closed;
    }

    private static TimeSpan? Interval(Connection connection)
    {
        try
        {
            return ConnectionSettings.From(connection.Settings).SyncInterval is { } every && every > TimeSpan.Zero ? every : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Settings the run could not read either; it failed and said why. Try again at the default pace.
            return new ConnectionSettings().SyncInterval;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync of {Connection} asked for later: another run holds QuickBooks company {Realm}")]
    private partial void LogBusy(string connection, string? realm);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {Connection} could not run")]
    private partial void LogFailed(Exception exception, string connection);
}
