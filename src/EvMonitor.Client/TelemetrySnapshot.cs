namespace EvMonitor.Client;

/// <summary>
/// The readings taken at one moment, as an app pushes them. Only <see cref="Timestamp"/> is
/// required; leave out what the vehicle does not measure.
/// <code>new TelemetrySnapshot
/// {
///     Timestamp = DateTimeOffset.UtcNow,
///     General = new() { Speed = 87, State = VehicleState.On },
///     Motors = { [0] = new() { Rpm = 5200 }, [1] = new() { Rpm = 5180 } },
///     Batteries = { [0] = new() { Soc = 80.5 } },
///     Gps = new(44.6471, 10.9252, 5),
/// }</code>
/// </summary>
public sealed class TelemetrySnapshot
{
    /// <summary>
    /// When the values were measured. Sent as whole Unix seconds (fractions are dropped), so two
    /// snapshots of the same second are one: the later replaces the earlier.
    /// </summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Speed, range, state, odometer, consumption.</summary>
    public GeneralReadings? General { get; init; }

    /// <summary>Each motor's readings by its index, 0–255.</summary>
    public IDictionary<int, MotorReadings> Motors { get; init; } = new SortedDictionary<int, MotorReadings>();

    /// <summary>Each battery's readings by its index, 0–255.</summary>
    public IDictionary<int, BatteryReadings> Batteries { get; init; } = new SortedDictionary<int, BatteryReadings>();

    /// <summary>The position, when known.</summary>
    public GpsPosition? Gps { get; init; }
}
