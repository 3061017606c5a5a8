using System.Diagnostics.Metrics;
using EvMonitor.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.Core.Tests.Support;

public static class TestMetrics
{
    /// <summary>Metrics with a meter of their own, so that a <see cref="MetricRecorder"/> hears no other test running at the same time.</summary>
    public static EvMonitorMetrics New() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
