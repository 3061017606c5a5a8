using EvMonitor.Client;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>A snapshot as a test pushes it, and what get_latest / get_history must then show for it.</summary>
public sealed record PushedSnapshot(long Timestamp, int Speed, int? State = null, int[]? MotorRpms = null, int? Soc = null, (double Lat, double Lng, int Acc)? Gps = null)
{
    public TelemetrySnapshot ToTelemetrySnapshot()
    {
        var snapshot = new TelemetrySnapshot
        {
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(Timestamp),
            General = General(),
            Gps = Position(),
        };
        foreach (var (index, motor) in Motors())
            snapshot.Motors[index] = motor;
        foreach (var (index, battery) in Batteries())
            snapshot.Batteries[index] = battery;
        return snapshot;
    }

    /// <summary>What the service stores for this snapshot when <paramref name="userAgent"/> pushed it (the state's name as docs/api-extensions.md lists them).</summary>
    public StoredSnapshot Expected(string userAgent) => new()
    {
        Timestamp = DateTimeOffset.FromUnixTimeSeconds(Timestamp),
        UserAgent = userAgent,
        General = General(),
        StateName = State switch { null => null, 0 => "off", 1 => "on", 10 => "charging_ac", _ => "charging_dc" },
        Motors = Motors(),
        Batteries = Batteries(),
        Gps = Position(),
    };

    private GeneralReadings General() => new() { Speed = Speed, State = State };

    private SortedDictionary<int, MotorReadings> Motors() =>
        new((MotorRpms ?? []).Select((rpm, m) => KeyValuePair.Create(m, new MotorReadings { Rpm = rpm })).ToDictionary());

    private SortedDictionary<int, BatteryReadings> Batteries() =>
        Soc is { } soc ? new() { [0] = new BatteryReadings { Soc = soc } } : [];

    private GpsPosition? Position() => Gps is { } gps ? new GpsPosition(gps.Lat, gps.Lng, gps.Acc) : null;
}
