using System.Diagnostics;

namespace EvMonitor.Monitoring;

/// <summary>
/// Where one push's time goes, stage by stage (<see cref="EvMonitorMetrics.PushTimed"/>): each
/// <see cref="Lap"/> adds the time since the previous one (or since the start) to a stage. For the
/// push path's own work it also takes the thread's CPU time and the collector's pauses, which tell
/// the code's own time from waiting for a core or for a garbage collection.
/// </summary>
public sealed class PushTimer
{
    public const string Parse = "parse and validation";
    public const string Token = "token check";
    public const string Ownership = "ownership check";
    public const string Build = "message building";
    public const string Enqueue = "enqueue round trip";
    /// <summary>Every stage but the enqueue: the push path's own work.</summary>
    public const string OwnWork = "own work";
    /// <summary>The CPU time of the thread running <see cref="OwnWork"/>; only for a push whose own work never waited (<see cref="Waited"/>), and only on Linux.</summary>
    public const string OwnWorkCpu = "own work, thread CPU";
    /// <summary>How long garbage collections paused the process during <see cref="OwnWork"/>.</summary>
    public const string OwnWorkGcPause = "own work, GC pause";

    private static readonly string[] Names = [Parse, Token, Ownership, Build, Enqueue];
    private static readonly int EnqueueIndex = Array.IndexOf(Names, Enqueue);
    private readonly long[] _ticks = new long[Names.Length];
    private long _mark = Stopwatch.GetTimestamp();
    private long _cpuMark = ThreadCpuTime.Nanoseconds();
    private TimeSpan _pauseMark = GC.GetTotalPauseDuration();
    private long _ownCpu;
    private TimeSpan _ownPause;
    private bool _waited;

    /// <param name="stage">One of the constants above but the three own-work ones.</param>
    public void Lap(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        var index = Array.IndexOf(Names, stage);
        _ticks[index] += now - _mark;
        _mark = now;
        if (index == EnqueueIndex)
            return; // not own work; nothing follows it
        var (cpu, pause) = (ThreadCpuTime.Nanoseconds(), GC.GetTotalPauseDuration());
        (_ownCpu, _ownPause) = (_ownCpu + cpu - _cpuMark, _ownPause + pause - _pauseMark);
        (_cpuMark, _pauseMark) = (cpu, pause);
    }

    /// <summary>Skips the time since the last lap (work that belongs to no stage).</summary>
    public void Restart() => (_mark, _cpuMark, _pauseMark) = (Stopwatch.GetTimestamp(), ThreadCpuTime.Nanoseconds(), GC.GetTotalPauseDuration());

    /// <summary>
    /// The stage under way awaited something not yet done (a storage read): the thread's CPU time then
    /// also counts whatever else it ran meanwhile, or the stage went on on another thread, so this
    /// push's own work is given no CPU time.
    /// </summary>
    public void Waited() => _waited = true;

    /// <summary>Each stage in milliseconds, then <see cref="OwnWork"/>, <see cref="OwnWorkCpu"/> (when known) and <see cref="OwnWorkGcPause"/>.</summary>
    public IEnumerable<(string Stage, double Milliseconds)> Stages
    {
        get
        {
            for (var i = 0; i < Names.Length; i++)
                yield return (Names[i], Milliseconds(_ticks[i]));
            yield return (OwnWork, Milliseconds(_ticks.Sum() - _ticks[EnqueueIndex]));
            if (!_waited && ThreadCpuTime.Available)
                yield return (OwnWorkCpu, _ownCpu / 1e6);
            yield return (OwnWorkGcPause, _ownPause.TotalMilliseconds);
        }
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
