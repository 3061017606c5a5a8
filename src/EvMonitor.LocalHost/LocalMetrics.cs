using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EvMonitor.Monitoring;

namespace EvMonitor.LocalHost;

/// <summary>
/// The storage requests and push stage times this process recorded on the EvMonitor meters (the own
/// work's thread CPU time, on the diagnostics meter, is only measured because this listens), and its
/// garbage collections, served at <c>GET /local/metrics</c> (and cleared by <c>DELETE</c>) for the load
/// tool: exact counts and every recorded time, where an exporter would give buckets. At most <see cref="MaxTimesKept"/> times are
/// kept per stage, so memory stays bounded however long the host runs between reads.
/// </summary>
public sealed class LocalMetrics : IDisposable
{
    public const string Path = "/local/metrics";
    public const int MaxTimesKept = 1_000_000;

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Kind, string Resource), long> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _stages = new();
    private GcReading _gcAtClear = GcReading.Now();

    /// <summary>Collections per generation (0, 1, 2), the pauses they took and the bytes allocated, since the process started.</summary>
    private sealed record GcReading(int[] Collections, TimeSpan Pause, long Allocated)
    {
        public static GcReading Now() =>
            new([GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)], GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
    }

    /// <param name="metrics">This host's meters: another host in the same process (a test's) is not heard.</param>
    public LocalMetrics(EvMonitorMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if ((instrument.Meter == metrics.Meter && instrument.Name is EvMonitorMetrics.StorageRequestsName or EvMonitorMetrics.PushStageName)
                || (instrument.Meter == metrics.DiagnosticsMeter && instrument.Name == EvMonitorMetrics.PushOwnWorkName))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            _requests.AddOrUpdate((Tag(tags, "kind"), Tag(tags, "resource")), value, (_, sum) => sum + value));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var times = _stages.GetOrAdd(Tag(tags, "stage"), _ => new ConcurrentQueue<double>());
            if (times.Count < MaxTimesKept)
                times.Enqueue(value);
        });
        _listener.Start();
    }

    /// <summary>
    /// <c>{"requests":[{"kind","resource","count"}],"stages":{"&lt;stage&gt;":[ms,…]},"gc":{"collections":[gen0,gen1,gen2],"pause_ms","allocated_bytes"}}</c>,
    /// the collections since the last clear.
    /// </summary>
    public object Read()
    {
        var gc = GcReading.Now();
        return new
        {
            requests = _requests.Select(kv => new { kind = kv.Key.Kind, resource = kv.Key.Resource, count = kv.Value }).ToArray(),
            stages = _stages.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()),
            gc = new
            {
                collections = gc.Collections.Zip(_gcAtClear.Collections, (now, then) => now - then).ToArray(),
                pause_ms = (gc.Pause - _gcAtClear.Pause).TotalMilliseconds,
                allocated_bytes = gc.Allocated - _gcAtClear.Allocated,
            },
        };
    }

    public void Clear()
    {
        _requests.Clear();
        _stages.Clear();
        _gcAtClear = GcReading.Now();
    }

    public void Dispose() => _listener.Dispose();

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
                return tag.Value as string ?? "";
        }
        return "";
    }
}
