using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StoreBooks.Hosting.Tests.Support;

/// <summary>One line logged: its category, level, text (exception included), and the values of the scopes it was logged in.</summary>
public sealed record LoggedLine(string Category, LogLevel Level, string Text, IReadOnlyDictionary<string, string> Scope, IReadOnlyList<string> ScopeTexts);

/// <summary>
/// A logger provider that keeps every line with its scopes, as a structured provider (JSON console, OpenTelemetry) sees them:
/// the host hands it the scope provider, and each line reads the scopes active where it was logged.
/// </summary>
public sealed class ScopedLogCollector : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LoggedLine> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LoggedLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Collecting(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Collecting(string category, ScopedLogCollector owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, string>();
            var texts = new List<string>();
            owner._scopes.ForEachScope(
                (scope, _) =>
                {
                    texts.Add(scope?.ToString() ?? "");
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            values[key] = value?.ToString() ?? "";
                        }
                    }
                },
                (object?)null);

            // The message's own values too: a secret passed as an argument but left out of the template would still reach a structured sink.
            var arguments = state is IEnumerable<KeyValuePair<string, object?>> fields ? string.Join(" ", fields.Select(f => $"{f.Key}={f.Value}")) : "";
            owner._lines.Enqueue(new LoggedLine(category, logLevel, $"{formatter(state, exception)} [{arguments}]{(exception is null ? "" : " " + exception)}", values, texts));
        }
    }
}
