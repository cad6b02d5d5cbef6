using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StoreBooks.QuickBooks.Errors;

namespace StoreBooks.QuickBooks.Http;

/// <summary>
/// Logs every attempt sent to QBO: method, entity, operation, HTTP status, QBO's error code, duration, <c>intuit_tid</c>,
/// realm and requestid. Never logs headers, bodies or URLs (tokens and customer data stay out of logs). Each attempt is also a
/// span and a measurement of <see cref="QboTelemetry"/>.
/// </summary>
public sealed partial class QboLoggingHandler(ILogger logger, TimeProvider time) : DelegatingHandler
{
    /// <summary>Reads Intuit's transaction id (<c>intuit_tid</c>, also sent as <c>Intuit-Tid</c>).</summary>
    public static string? IntuitTid(HttpResponseMessage response)
    {
        foreach (var name in (ReadOnlySpan<string>)["intuit_tid", "Intuit-Tid"])
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = QboCall.Of(request);
        using var activity = call is null ? null : QboTelemetry.Source.StartActivity($"qbo {call.Entity} {QboTelemetry.OperationOf(call)}", ActivityKind.Client);
        activity?.SetTag("qbo.entity", call?.Entity);
        activity?.SetTag("qbo.operation", call is null ? null : QboTelemetry.OperationOf(call));
        var started = time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (call is not null && e is HttpRequestException or IOException or TaskCanceledException)
        {
            QboTelemetry.Record(call, null, time.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            LogFailed(logger, request.Method.Method, call.Entity, call.Operation, e.GetType().Name, time.GetElapsedTime(started).TotalMilliseconds, call.RealmId, call.RequestId);
            throw;
        }

        if (call is null)
        {
            return response;
        }

        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        string? code = null;
        if (!response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var fault = QboFaultReader.Read(body);
            code = fault?.Errors.FirstOrDefault()?.Code;
        }

        var status = (int)response.StatusCode;
        QboTelemetry.Record(call, status, time.GetElapsedTime(started));
        activity?.SetTag("http.response.status_code", status);
        if (!response.IsSuccessStatusCode)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        var level = status >= 500 || status == 429 || status == 401 ? LogLevel.Warning : response.IsSuccessStatusCode ? LogLevel.Information : LogLevel.Warning;
        LogCall(logger, level, request.Method.Method, call.Entity, call.Operation, status, code ?? "-", elapsed, IntuitTid(response) ?? "-", call.RealmId, call.RequestId ?? "-");
        return response;
    }

    [LoggerMessage(Message = "QBO {Method} {Entity} {Operation} -> {Status} code {QboCode} in {ElapsedMs:F1} ms intuit_tid {IntuitTid} realm {RealmId} requestid {RequestId}")]
    private static partial void LogCall(ILogger logger, LogLevel level, string method, string entity, string operation, int status, string qboCode, double elapsedMs, string intuitTid, string realmId, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QBO {Method} {Entity} {Operation} failed without a response ({Error}) after {ElapsedMs:F1} ms realm {RealmId} requestid {RequestId}")]
    private static partial void LogFailed(ILogger logger, string method, string entity, string operation, string error, double elapsedMs, string realmId, string? requestId);
}
