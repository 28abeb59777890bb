using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GroupBot.Tests.Support;

/// <summary>
/// Every log line the host writes (at the levels its configuration lets through), rendered with its
/// scopes and exception, the way a structured log sink would see them.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(Render(scope)), scopes);
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs ? Render(pairs) : "";
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {fields} [{string.Join(" | ", scopes)}] {exception}");
        }

        private static string Render(object? scope) => scope is IEnumerable<KeyValuePair<string, object?>> pairs ? Render(pairs) : scope?.ToString() ?? "";

        private static string Render(IEnumerable<KeyValuePair<string, object?>> pairs) => string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"));
    }
}
