using Microsoft.Extensions.Configuration;

namespace EvMonitor.VehicleHealth;

/// <param name="FlushInterval">
/// How long an instance gathers a vehicle's health counts before writing them: at most one write of
/// each row it touched per vehicle per interval, however many pushes and messages came.
/// </param>
public sealed record VehicleHealthOptions(TimeSpan FlushInterval)
{
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromSeconds(10);

    public static readonly VehicleHealthOptions Default = new(DefaultFlushInterval);

    /// <exception cref="InvalidOperationException">The setting is not from 0 to 5 minutes.</exception>
    public static VehicleHealthOptions FromConfiguration(IConfiguration configuration)
    {
        var interval = configuration.GetValue("EvMonitor:VehicleHealth:FlushInterval", DefaultFlushInterval);
        if (interval < TimeSpan.Zero || interval > TimeSpan.FromMinutes(5))
            throw new InvalidOperationException($"EvMonitor:VehicleHealth:FlushInterval is {interval}; it must be from 00:00:00 to 00:05:00.");
        return new VehicleHealthOptions(interval);
    }
}
