using EvMonitor.Settings;

namespace EvMonitor.VehicleHealth;

/// <summary>How <c>get_vehicle_health</c>'s counts of refused pushes are gathered, set under <c>EvMonitor:VehicleHealth</c>.</summary>
public sealed record VehicleHealthOptions : ISettings
{
    public static string Section => "EvMonitor:VehicleHealth";

    public static readonly VehicleHealthOptions Default = new();

    /// <summary>
    /// How long an instance gathers a vehicle's refused pushes before writing them: at most one read
    /// and one write per vehicle per interval, however many pushes were refused.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(10);

    public IEnumerable<string> Problems()
    {
        if (FlushInterval < TimeSpan.Zero || FlushInterval > TimeSpan.FromMinutes(5))
            yield return $"{SettingRules.Name(Section, nameof(FlushInterval))} is {FlushInterval}; it must be from 00:00:00 to 00:05:00.";
    }
}
