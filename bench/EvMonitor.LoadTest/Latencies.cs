namespace EvMonitor.LoadTest;

/// <summary>Round-trip times of one kind of call, collected from many concurrent callers.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public void Add(TimeSpan elapsed)
    {
        lock (_milliseconds)
            _milliseconds.Add(elapsed.TotalMilliseconds);
    }

    public int Count
    {
        get { lock (_milliseconds) return _milliseconds.Count; }
    }

    /// <summary>The nearest-rank percentile, in milliseconds.</summary>
    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
                return double.NaN;
            _milliseconds.Sort();
            var rank = (int)Math.Ceiling(p / 100 * _milliseconds.Count);
            return _milliseconds[Math.Clamp(rank - 1, 0, _milliseconds.Count - 1)];
        }
    }

    public string Summary() => $"p50 {Percentile(50):F1} ms, p95 {Percentile(95):F1} ms, p99 {Percentile(99):F1} ms ({Count} calls)";
}
