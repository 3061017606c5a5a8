using Azure.Data.Tables;
using System.Text.Json.Nodes;
using EvMonitor.Telemetry;

namespace EvMonitor.Core.Tests.Telemetry;

/// <summary>What is written by <see cref="TelemetryRows"/> reads back through <see cref="SnapshotJson"/> under the push contract's names.</summary>
public sealed class SnapshotJsonTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2024, 11, 25, 16, 0, 3, 250, TimeSpan.Zero);

    private static JsonObject RoundTrip(Snapshot snapshot, string? userAgent = "My cool app")
    {
        var message = new TelemetryMessage { PushId = "p", VehicleId = "vehicle-a", UserAgent = userAgent, ReceivedAt = ReceivedAt, Snapshots = [snapshot] };
        var rows = TelemetryRows.ToEntities(message, snapshot);
        return SnapshotJson.FromRows(rows[0], rows.Skip(1).OrderBy(r => r.RowKey, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryReadingComesBackUnderItsPushName()
    {
        var snapshot = new Snapshot
        {
            Timestamp = 1732550400,
            General = { ["speed"] = 87, ["range"] = 150, ["state"] = 11, ["odometer"] = 12345, ["watt_100km"] = 9800 },
            Motors = [new Component(TelemetryGroup.Motor, 1) { ["watt"] = 1, ["rpm"] = 2, ["torque"] = 3, ["temp"] = 4, ["coolfluid_temp"] = 5, ["coolfluid_pump"] = 1 }],
            Batteries =
            [
                new Component(TelemetryGroup.Battery, 0) { ["soc"] = 80, ["soc_wh"] = 12000, ["v"] = 400, ["vmin"] = 3600, ["vmax"] = 4100, ["i"] = 10, ["i_charge"] = 11, ["w"] = 12, ["w_charge"] = 13,
                    ["i_charge_max"] = 14, ["i_discharge_max"] = 15, ["temp"] = 16, ["temp_min"] = 17, ["temp_max"] = 18, ["coolfluid_temp"] = 19, ["coolfluid_pump"] = 0, ["soh"] = 97},
            ],
            Gps = new Readings(TelemetryGroup.Gps) { ["lat"] = 44.6471, ["lng"] = 10.9252, ["acc"] = 5, ["alt"] = 35.5 }};

        var json = RoundTrip(snapshot);

        var expected = JsonNode.Parse("""
            {"timestamp":1732550400,"measured_at":"2024-11-25T16:00:00Z","received_at":"2024-11-25T16:00:03.25Z","user_agent":"My cool app",
             "general":{"speed":87,"range":150,"state":11,"state_name":"charging_dc","odometer":12345,"watt_100km":9800},
             "motor":[{"index":1,"watt":1,"rpm":2,"torque":3,"temp":4,"coolfluid_temp":5,"coolfluid_pump":1}],
             "batt":[{"index":0,"soc":80,"soc_wh":12000,"v":400,"vmin":3600,"vmax":4100,"i":10,"i_charge":11,"w":12,"w_charge":13,
                      "i_charge_max":14,"i_discharge_max":15,"temp":16,"temp_min":17,"temp_max":18,"coolfluid_temp":19,"coolfluid_pump":0,"soh":97}],
             "gps":{"lat":44.6471,"lng":10.9252,"acc":5,"alt":35.5}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
    }

    [Fact]
    public void ReadingsNotSentAreLeftOut()
    {
        var json = RoundTrip(new Snapshot { Timestamp = 1732550400, General = { ["speed"] = 0 }}, userAgent: null);

        Assert.Equal("""{"timestamp":1732550400,"measured_at":"2024-11-25T16:00:00Z","received_at":"2024-11-25T16:00:03.25Z","general":{"speed":0}}""",
            json.ToJsonString());
    }

    [Fact]
    public void MotorsAndBatteriesComeInIndexOrder()
    {
        var json = RoundTrip(new Snapshot
        {
            Timestamp = 1732550400,
            Motors = [new Component(TelemetryGroup.Motor, 10) { ["rpm"] = 3 }, new Component(TelemetryGroup.Motor, 2) { ["rpm"] = 1 }, new Component(TelemetryGroup.Motor, 3) { ["rpm"] = 2 }],
            Batteries = [new Component(TelemetryGroup.Battery, 1) { ["soc"] = 50 }, new Component(TelemetryGroup.Battery, 0) { ["soc"] = 60 }],
        });

        Assert.Equal([2, 3, 10], json["motor"]!.AsArray().Select(m => (int)m!["index"]!));
        Assert.Equal([1, 2, 3], json["motor"]!.AsArray().Select(m => (int)m!["rpm"]!));
        Assert.Equal([60, 50], json["batt"]!.AsArray().Select(b => (int)b!["soc"]!));
    }

    [Fact]
    public void ARowWrittenBeforeDecimalsReadsBackAsTheSameRowWrittenNow()
    {
        // As rows were written when every reading was an int: Edm.Int32 columns, GPS as Edm.Double.
        var before = new TableEntity("vehicle-a", "001732550400")
        {
            ["Kind"] = "snapshot", ["UnixTime"] = 1732550400L, ["ReceivedAt"] = ReceivedAt, ["Speed"] = 87, ["State"] = 1, ["StateName"] = "on",
            ["GpsLat"] = 44.0, ["GpsLng"] = 10.9252, ["GpsAcc"] = 5,
        };
        var now = RoundTrip(new Snapshot
        {
            Timestamp = 1732550400,
            General = { ["speed"] = 87, ["state"] = 1 },
            Gps = new Readings(TelemetryGroup.Gps) { ["lat"] = 44, ["lng"] = 10.9252, ["acc"] = 5 },
        }, userAgent: null);

        Assert.Equal(now.ToJsonString(), SnapshotJson.FromRows(before, []).ToJsonString());
        Assert.Equal("""{"speed":87,"state":1,"state_name":"on"}""", now["general"]!.ToJsonString());
    }
}
