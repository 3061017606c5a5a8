using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace EvMonitor.Client.Tests.Support;

/// <summary>A fake clock that also tells when something starts waiting on it, and for how long.</summary>
public sealed class WatchedTime() : FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero))
{
    private readonly BlockingCollection<TimeSpan> _waits = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _waits.Add(dueTime);
        return timer;
    }

    /// <summary>The next wait that starts, within 10 s of real time.</summary>
    public TimeSpan NextWait() =>
        _waits.TryTake(out var wait, TimeSpan.FromSeconds(10)) ? wait : throw new TimeoutException("Nothing started waiting.");

    public bool AnyWaitStarted => _waits.Count > 0;
}
