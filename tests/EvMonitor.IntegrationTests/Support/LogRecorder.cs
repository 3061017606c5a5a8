using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>Keeps every log line the service writes (with its exception's message), for what is only visible in its logs (how often a message was tried).</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            recorder._lines.Enqueue(exception is null ? formatter(state, exception) : $"{formatter(state, exception)} {exception.Message}");
    }
}
