using System.Diagnostics;

namespace EvMonitor.Monitoring;

/// <summary>
/// Where one push's time goes, stage by stage (<see cref="EvMonitorMetrics.PushTimed"/>): each
/// <see cref="Lap"/> adds the time since the previous one (or since the start) to a stage. Over the
/// push path's own work, from the start to the end of <see cref="Build"/> (its last stage), it also
/// takes the collector's pauses and, when asked, the thread's CPU time: they tell the code's own
/// time from waiting for a garbage collection or for a core.
/// </summary>
public sealed class PushTimer
{
    public const string Parse = "parse and validation";
    public const string Token = "token check";
    public const string Ownership = "ownership check";
    /// <summary>The last stage of the own work.</summary>
    public const string Build = "message building";
    public const string Enqueue = "enqueue round trip";
    /// <summary>Every stage but the enqueue: the push path's own work.</summary>
    public const string OwnWork = "own work";
    /// <summary><see cref="OwnWork"/> of a push none of whose stages <see cref="Waited"/> (no token or ownership read): on <see cref="EvMonitorMetrics.PushOwnWorkName"/>.</summary>
    public const string OwnWorkNoWait = "own work, waiting for nothing";
    /// <summary>The thread CPU time of the same (<see cref="OwnWorkCpuMilliseconds"/>): on <see cref="EvMonitorMetrics.PushOwnWorkName"/>.</summary>
    public const string OwnWorkCpu = "own work, thread CPU";
    /// <summary>How long garbage collections paused the process during <see cref="OwnWork"/>.</summary>
    public const string OwnWorkGcPause = "own work, GC pause";

    private static readonly string[] Names = [Parse, Token, Ownership, Build, Enqueue];
    private static readonly int EnqueueIndex = Array.IndexOf(Names, Enqueue);
    private readonly long[] _ticks = new long[Names.Length];
    private readonly TimeSpan _pauseAtStart = GC.GetTotalPauseDuration();
    private readonly long _cpuAtStart;
    private long _mark = Stopwatch.GetTimestamp();
    private TimeSpan _ownPause;
    private bool _waited;

    /// <param name="threadCpu">
    /// Also take the thread's CPU time (<see cref="ThreadCpuTime"/>, Linux): two readings of a clock
    /// that costs a system call, 4 to 6 µs each on a virtual machine, so only when someone listens.
    /// </param>
    public PushTimer(bool threadCpu = false) => _cpuAtStart = threadCpu && ThreadCpuTime.Available ? ThreadCpuTime.Nanoseconds() : -1;

    /// <summary>The own work's CPU time in milliseconds; null when not asked for, or when the own work <see cref="Waited"/>.</summary>
    public double? OwnWorkCpuMilliseconds { get; private set; }

    /// <param name="stage">One of the stage constants.</param>
    public void Lap(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        _ticks[Array.IndexOf(Names, stage)] += now - _mark;
        _mark = now;
        if (stage != Build)
            return;
        _ownPause = GC.GetTotalPauseDuration() - _pauseAtStart;
        if (_cpuAtStart >= 0 && !_waited)
            OwnWorkCpuMilliseconds = (ThreadCpuTime.Nanoseconds() - _cpuAtStart) / 1e6;
    }

    /// <summary>Skips the time since the last lap (work that belongs to no stage).</summary>
    public void Restart() => _mark = Stopwatch.GetTimestamp();

    /// <summary>
    /// The stage under way awaited something not yet done (a storage read): the thread's CPU time then
    /// also counts whatever else it ran meanwhile, or the work went on on another thread, so this
    /// push's own work is given no CPU time.
    /// </summary>
    public void Waited() => _waited = true;

    /// <summary>Whether a stage <see cref="Waited"/>.</summary>
    public bool HasWaited => _waited;

    /// <summary>Each stage in milliseconds, then <see cref="OwnWork"/> and <see cref="OwnWorkGcPause"/>.</summary>
    public IEnumerable<(string Stage, double Milliseconds)> Stages
    {
        get
        {
            for (var i = 0; i < Names.Length; i++)
                yield return (Names[i], Milliseconds(_ticks[i]));
            yield return (OwnWork, Milliseconds(_ticks.Sum() - _ticks[EnqueueIndex]));
            yield return (OwnWorkGcPause, _ownPause.TotalMilliseconds);
        }
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
