using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EvMonitor.Core.Tests.Support;

/// <summary>Keeps each log line with its structured properties, as a structured log sink (Application Insights) receives them.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public sealed record Line(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties);

    private readonly ConcurrentQueue<Line> _lines = new();

    public IReadOnlyList<Line> Lines => _lines.ToList();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = (state as IEnumerable<KeyValuePair<string, object?>> ?? []).ToDictionary(p => p.Key, p => p.Value);
        _lines.Enqueue(new Line(logLevel, formatter(state, exception), properties));
    }
}
