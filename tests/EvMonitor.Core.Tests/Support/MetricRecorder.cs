using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EvMonitor.Monitoring;

namespace EvMonitor.Core.Tests.Support;

/// <summary>Every measurement one <see cref="EvMonitorMetrics"/> makes, heard as an OpenTelemetry exporter hears it: through a <see cref="MeterListener"/>.</summary>
public sealed class MetricRecorder : IDisposable
{
    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public MetricRecorder(EvMonitorMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == metrics.Meter || instrument.Meter == metrics.DiagnosticsMeter)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<Measurement> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument).ToList();

    /// <summary>The sum of an instrument's measurements, of those with the tag given if one is.</summary>
    public double Sum(string instrument, string? tag = null, string? value = null) =>
        Of(instrument).Where(m => tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, tagValue) in tags)
            copy[key] = tagValue;
        _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    public void Dispose() => _listener.Dispose();
}
