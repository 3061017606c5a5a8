using EvMonitor.Telemetry;

namespace EvMonitor.Core.Tests.Telemetry;

/// <summary>Snapshots with every reading filled in, as a well-equipped vehicle sends them.</summary>
public static class Snapshots
{
    public static Snapshot Full(long timestamp, int motors, int batteries, bool gps = true) => new()
    {
        Timestamp = timestamp,
        General = { ["speed"] = 87, ["range"] = 210, ["state"] = 1, ["odometer"] = 12_345, ["watt_100km"] = 9_800 },
        Motors = [.. Enumerable.Range(0, motors).Select(i => new Component(TelemetryGroup.Motor, i) { ["watt"] = 61_000 + i, ["rpm"] = 5_200 + i, ["torque"] = 180, ["temp"] = 71, ["coolfluid_temp"] = 48, ["coolfluid_pump"] = 1})],
        Batteries = [.. Enumerable.Range(0, batteries).Select(i => new Component(TelemetryGroup.Battery, i) { ["soc"] = 74, ["soc_wh"] = 15_540 + i, ["v"] = 398, ["vmin"] = 3_912, ["vmax"] = 3_968, ["i"] = -152, ["i_charge"] = 0, ["w"] = -60_496, ["w_charge"] = 0,
            ["i_charge_max"] = 120, ["i_discharge_max"] = 400, ["temp"] = 31, ["temp_min"] = 29, ["temp_max"] = 33, ["coolfluid_temp"] = 27, ["coolfluid_pump"] = 1, ["soh"] = 97})],
        Gps = gps ? new Readings(TelemetryGroup.Gps) { ["lat"] = 44.6471, ["lng"] = 10.9252, ["acc"] = 5, ["alt"] = 34.5 } : null};

    public static TelemetryMessage Header() => new()
    {
        PushId = "0f8fad5bd9cb469fa16570867728950e",
        VehicleId = "abcdefg1234",
        UserAgent = "My cool app",
        ReceivedAt = new DateTimeOffset(2024, 11, 25, 17, 0, 0, TimeSpan.Zero),
    };
}
