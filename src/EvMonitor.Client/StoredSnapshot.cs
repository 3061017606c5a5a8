namespace EvMonitor.Client;

/// <summary>A snapshot as the service stored it, read back by <c>get_latest</c> and <c>get_history</c>.</summary>
public sealed class StoredSnapshot
{
    /// <summary>When the values were measured (whole seconds, UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>When the push that stored this version reached the service.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>The sending app's <c>user-agent</c>, when it gave one.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The vehicle-wide readings; empty when none were sent.</summary>
    public required GeneralReadings General { get; init; }

    /// <summary>The state as a name: <c>off</c>, <c>on</c>, <c>charging_ac</c>, <c>charging_dc</c>; null when no state was sent.</summary>
    public string? StateName { get; init; }

    /// <summary>Each motor's readings by index.</summary>
    public required IReadOnlyDictionary<int, MotorReadings> Motors { get; init; }

    /// <summary>Each battery's readings by index.</summary>
    public required IReadOnlyDictionary<int, BatteryReadings> Batteries { get; init; }

    /// <summary>The position, when the snapshot had one.</summary>
    public GpsPosition? Gps { get; init; }
}
