using System.Diagnostics;

namespace EvMonitor.Monitoring;

/// <summary>
/// Where one push's time goes, stage by stage (<see cref="EvMonitorMetrics.PushTimed"/>): each
/// <see cref="Lap"/> adds the time since the previous one (or since the start) to a stage.
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

    private static readonly string[] Names = [Parse, Token, Ownership, Build, Enqueue];
    private readonly long[] _ticks = new long[Names.Length];
    private long _mark = Stopwatch.GetTimestamp();

    /// <param name="stage">One of the constants above but <see cref="OwnWork"/>.</param>
    public void Lap(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        _ticks[Array.IndexOf(Names, stage)] += now - _mark;
        _mark = now;
    }

    /// <summary>Skips the time since the last lap (work that belongs to no stage).</summary>
    public void Restart() => _mark = Stopwatch.GetTimestamp();

    /// <summary>Each stage in milliseconds, then <see cref="OwnWork"/>.</summary>
    public IEnumerable<(string Stage, double Milliseconds)> Stages
    {
        get
        {
            for (var i = 0; i < Names.Length; i++)
                yield return (Names[i], Milliseconds(_ticks[i]));
            yield return (OwnWork, Milliseconds(_ticks.Sum() - _ticks[Array.IndexOf(Names, Enqueue)]));
        }
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
