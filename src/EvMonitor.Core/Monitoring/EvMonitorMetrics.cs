using System.Diagnostics.Metrics;

namespace EvMonitor.Monitoring;

/// <summary>
/// The service's own metrics, all from one meter. The instrument names are a contract: the alerts
/// in infra/ and operators' queries refer to them (docs/deploy.md lists them).
/// </summary>
public sealed class EvMonitorMetrics
{
    public const string MeterName = "EvMonitor";

    /// <summary>The <c>code</c> tag of an accepted push.</summary>
    public const string Accepted = "OK";

    private readonly Counter<long> _pushes;
    private readonly Counter<long> _snapshotsStored;
    private readonly Counter<long> _storageUnavailable;
    private readonly Histogram<double> _normalizerLag;
    private readonly Counter<long> _messagesPoisoned;
    private readonly Gauge<long> _poisonDepth;
    private readonly Counter<long> _storageRequests;
    private readonly Histogram<double> _pushStage;
    private readonly Histogram<double> _pushOwnWork;

    public EvMonitorMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        DiagnosticsMeter = meters.Create(DiagnosticsMeterName);
        _pushes = Meter.CreateCounter<long>("evmonitor.pushes", "{push}", "Pushes answered, tagged with the answer's code (OK when accepted).");
        _snapshotsStored = Meter.CreateCounter<long>("evmonitor.snapshots.stored", "{snapshot}", "Snapshots the normalizer wrote to the telemetry table.");
        _storageUnavailable = Meter.CreateCounter<long>("evmonitor.storage.unavailable", "{failure}", "Requests answered 503 and queue messages failed because storage was unreachable, tagged with the function.");
        // Seconds, with buckets for a lag of well under a second up to an hour-long backlog
        // (the default buckets are made for milliseconds).
        _normalizerLag = Meter.CreateHistogram<double>("evmonitor.normalizer.lag", "s", "From the push being received to its snapshots being stored.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        _messagesPoisoned = Meter.CreateCounter<long>("evmonitor.messages.poisoned", "{message}", "Queue messages whose last attempt failed, which the host moves to the poison queue.");
        // Recorded by each health check, so the poison-queue alert sees messages that were poisoned
        // before this instance started, or by another one.
        _poisonDepth = Meter.CreateGauge<long>("evmonitor.queue.poison_depth", "{message}", "Approximate number of messages in the telemetry poison queue, as the last health check saw it.");

        _storageRequests = Meter.CreateCounter<long>(StorageRequestsName, "{request}", "Requests sent to storage by the service's own clients, each retry included, tagged with the kind and the table or queue.");
        // Milliseconds, with buckets fine enough for the sub-millisecond stages.
        _pushStage = Meter.CreateHistogram<double>(PushStageName, "ms", "Time an accepted push spent in each stage of the push path, tagged with the stage.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000] });
        _pushOwnWork = DiagnosticsMeter.CreateHistogram<double>(PushOwnWorkName, "ms",
            "An accepted push's own work (every stage but the enqueue) when none of it waited for storage, tagged with the stage: its elapsed time and its thread CPU time.");
    }

    /// <summary>
    /// Measurements that cost the service something to take, for load runs: the Functions app exports
    /// only <see cref="MeterName"/>, and an instrument here is only measured while someone listens to it.
    /// </summary>
    public const string DiagnosticsMeterName = "EvMonitor.Diagnostics";
    public const string PushOwnWorkName = "evmonitor.push.own_work";

    public const string StorageRequestsName = "evmonitor.storage.requests";
    public const string PushStageName = "evmonitor.push.stage";

    public Meter Meter { get; }

    public Meter DiagnosticsMeter { get; }

    /// <summary>Whether a push's own work should be timed in thread CPU too (<see cref="PushTimer(bool)"/>): only while someone listens.</summary>
    public bool PushCpuWanted => _pushOwnWork.Enabled;

    public void PushAnswered(string code) => _pushes.Add(1, new KeyValuePair<string, object?>("code", code));

    public void SnapshotsStored(int count) => _snapshotsStored.Add(count);

    /// <param name="function">The function's name as the Functions host knows it (<c>push</c>, <c>normalize_telemetry</c>).</param>
    public void StorageUnavailable(string function) => _storageUnavailable.Add(1, new KeyValuePair<string, object?>("function", function));

    public void NormalizerLag(TimeSpan lag) => _normalizerLag.Record(lag.TotalSeconds);

    public void MessagePoisoned() => _messagesPoisoned.Add(1);

    public void PoisonQueueDepth(long depth) => _poisonDepth.Record(depth);

    /// <param name="kind">One of <see cref="Storage.StorageRequestKinds"/>.</param>
    /// <param name="resource">The table or queue the request went to.</param>
    public void StorageRequest(string kind, string resource) =>
        _storageRequests.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("resource", resource));

    /// <summary>
    /// Each stage of an accepted push, and their sum without the enqueue: the push path's own work;
    /// for a push that waited for no storage read, its own work again and its CPU time, while listened to.
    /// </summary>
    public void PushTimed(PushTimer timer)
    {
        foreach (var (stage, milliseconds) in timer.Stages)
        {
            _pushStage.Record(milliseconds, new KeyValuePair<string, object?>("stage", stage));
            if (stage == PushTimer.OwnWork && !timer.HasWaited && _pushOwnWork.Enabled)
                _pushOwnWork.Record(milliseconds, new KeyValuePair<string, object?>("stage", PushTimer.OwnWorkNoWait));
        }
        if (timer.OwnWorkCpuMilliseconds is { } cpu)
            _pushOwnWork.Record(cpu, new KeyValuePair<string, object?>("stage", PushTimer.OwnWorkCpu));
    }
}
