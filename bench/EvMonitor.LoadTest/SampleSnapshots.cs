using System.Text.Json;
using System.Text.Json.Nodes;
using EvMonitor.Bench;
using EvMonitor.Client;

namespace EvMonitor.LoadTest;

/// <summary>
/// The sample push (<see cref="SamplePush"/>, the same snapshots the benchmarks parse) as the
/// client's typed snapshots, read once per app; each push only moves the timestamps.
/// </summary>
public static class SampleSnapshots
{
    public static string UserAgent { get; } = (string)SamplePush.Json("token", "vehicle", 0, 1)["user-agent"]!;

    // The client's records carry the wire names, so each part of the sample reads straight into them.
    private static readonly JsonSerializerOptions Options = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString };

    /// <summary>The sample's snapshots, the first at timestamp 0.</summary>
    public static IReadOnlyList<TelemetrySnapshot> Read(string vehicleId, int batch, int seed)
    {
        var data = SamplePush.Json("token", vehicleId, 0, batch, seed)["data"]!.AsArray();
        return data.Select(node =>
        {
            var general = node!["general"]!.AsObject();
            var snapshot = new TelemetrySnapshot
            {
                Timestamp = DateTimeOffset.FromUnixTimeSeconds((long)node["timestamp"]!),
                General = general.Deserialize<GeneralReadings>(Options),
                Gps = general["gps"]?.Deserialize<GpsPosition>(Options),
            };
            foreach (var (motor, i) in general["motor"]!.AsArray().Select((m, i) => (m, i)))
                snapshot.Motors[i] = motor.Deserialize<MotorReadings>(Options)!;
            foreach (var (battery, i) in general["batt"]!.AsArray().Select((b, i) => (b, i)))
                snapshot.Batteries[i] = battery.Deserialize<BatteryReadings>(Options)!;
            return snapshot;
        }).ToList();
    }

    /// <summary>The sample with its snapshots taken at <paramref name="firstTimestamp"/>, +1 s, +2 s, …</summary>
    public static IReadOnlyList<TelemetrySnapshot> At(IReadOnlyList<TelemetrySnapshot> sample, long firstTimestamp) =>
        sample.Select(s => new TelemetrySnapshot
        {
            Timestamp = s.Timestamp.AddSeconds(firstTimestamp),
            General = s.General,
            Motors = s.Motors,
            Batteries = s.Batteries,
            Gps = s.Gps,
        }).ToList();
}
