using EvMonitor.Monitoring;

namespace EvMonitor.Core.Tests.Monitoring;

public sealed class PushTimerTests
{
    [Fact]
    public void ReadsNoThreadCpuTimeUnlessAsked()
    {
        var timer = new PushTimer();
        timer.Lap(PushTimer.Parse);
        timer.Lap(PushTimer.Build);

        Assert.Null(timer.OwnWorkCpuMilliseconds);
    }

    [Fact]
    public void TakesTheOwnWorksThreadCpuTimeWhenAskedEndingWithMessageBuilding()
    {
        Assert.True(ThreadCpuTime.Available, "The service and its tests run on Linux.");
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        var timer = new PushTimer(threadCpu: true);
        var spinUntil = DateTime.UtcNow.AddMilliseconds(20);
        while (DateTime.UtcNow < spinUntil) { } // busy: CPU, not waiting
        timer.Lap(PushTimer.Parse);
        timer.Lap(PushTimer.Build);
        var cpu = timer.OwnWorkCpuMilliseconds;
        var elapsedOwnWork = elapsed.Elapsed.TotalMilliseconds;
        Thread.Sleep(20); // after the own work: not counted
        timer.Lap(PushTimer.Enqueue);

        Assert.True(cpu > 0);
        Assert.Equal(cpu, timer.OwnWorkCpuMilliseconds);
        Assert.InRange(cpu!.Value, 0, elapsedOwnWork);
    }

    [Fact]
    public void GivesNoThreadCpuTimeOnceTheOwnWorkWaited()
    {
        var timer = new PushTimer(threadCpu: true);
        timer.Waited();
        timer.Lap(PushTimer.Build);

        Assert.Null(timer.OwnWorkCpuMilliseconds);
    }
}
