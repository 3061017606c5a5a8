using EvMonitor.Telemetry;

namespace EvMonitor.Core.Tests.Telemetry;

/// <summary>Snapshots with every reading filled in, as a well-equipped vehicle sends them.</summary>
public static class Snapshots
{
    public static Snapshot Full(long timestamp, int motors, int batteries, bool gps = true) => new()
    {
        Timestamp = timestamp,
        Speed = 87,
        Range = 210,
        State = 1,
        Odometer = 12_345,
        Watt100Km = 9_800,
        Motors = [.. Enumerable.Range(0, motors).Select(i => new Motor
        {
            Index = i, Watt = 61_000 + i, Rpm = 5_200 + i, Torque = 180, Temp = 71, CoolfluidTemp = 48, CoolfluidPump = 1,
        })],
        Batteries = [.. Enumerable.Range(0, batteries).Select(i => new Battery
        {
            Index = i, Soc = 74, SocWh = 15_540 + i, V = 398, Vmin = 3_912, Vmax = 3_968, I = -152, ICharge = 0, W = -60_496, WCharge = 0,
            IChargeMax = 120, IDischargeMax = 400, Temp = 31, TempMin = 29, TempMax = 33, CoolfluidTemp = 27, CoolfluidPump = 1, Soh = 97,
        })],
        Gps = gps ? new Gps { Lat = 44.6471, Lng = 10.9252, Acc = 5, Alt = 34.5 } : null,
    };

    public static TelemetryMessage Header() => new()
    {
        PushId = "0f8fad5bd9cb469fa16570867728950e",
        VehicleId = "abcdefg1234",
        UserAgent = "My cool app",
        ReceivedAt = new DateTimeOffset(2024, 11, 25, 17, 0, 0, TimeSpan.Zero),
    };
}
