using Azure.Data.Tables;
using EvMonitor.Telemetry;

namespace EvMonitor.Core.Tests.Telemetry;

public sealed class TelemetryRowsTests
{
    [Fact]
    public void KeysSortByTime()
    {
        string[] keys =
        [
            TelemetryRows.LatestRowKey,
            TelemetryRows.SnapshotKey(10_000_000_000),
            TelemetryRows.MotorKey(1732550400, 1),
            TelemetryRows.SnapshotKey(1732550401),
            TelemetryRows.SnapshotKey(999_999_999),
            TelemetryRows.BatteryKey(1732550400, 0),
            TelemetryRows.SnapshotKey(1732550400),
        ];

        Assert.Equal(
            ["000999999999", "001732550400", "001732550400-b000", "001732550400-m001", "001732550401", "010000000000", "latest"],
            keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TellsAComponentRowOfASnapshotFromAnyOtherRow()
    {
        var snapshot = TelemetryRows.SnapshotKey(1732550400);

        Assert.True(TelemetryRows.IsComponentOf(TelemetryRows.MotorKey(1732550400, 255), snapshot));
        Assert.True(TelemetryRows.IsComponentOf(TelemetryRows.BatteryKey(1732550400, 0), snapshot));
        Assert.False(TelemetryRows.IsComponentOf(snapshot, snapshot));
        Assert.False(TelemetryRows.IsComponentOf(TelemetryRows.MotorKey(1732550401, 0), snapshot));
        Assert.False(TelemetryRows.IsComponentOf(TelemetryRows.LatestRowKey, snapshot));
    }

    [Theory]
    [InlineData(0, "off")]
    [InlineData(1, "on")]
    [InlineData(10, "charging_ac")]
    [InlineData(11, "charging_dc")]
    public void StoresTheStateAlsoByName(int state, string name)
    {
        var rows = TelemetryRows.ToEntities(Snapshots.Header(), new Snapshot { Timestamp = 1732550400, General = { ["state"] = state } });

        Assert.Equal(state, rows[0].GetInt32("State"));
        Assert.Equal(name, rows[0].GetString("StateName"));
    }

    [Fact]
    public void WritesASnapshotRowThenOneRowPerMotorAndBatteryKeyedByIndex()
    {
        var message = Snapshots.Header();
        var snapshot = Snapshots.Full(1732550400, motors: 2, batteries: 1);

        var rows = TelemetryRows.ToEntities(message, snapshot);

        Assert.All(rows, r => Assert.Equal("abcdefg1234", r.PartitionKey));
        Assert.Equal(["001732550400", "001732550400-m000", "001732550400-m001", "001732550400-b000"], rows.Select(r => r.RowKey));
        Assert.Equal([TelemetryRows.KindSnapshot, TelemetryRows.KindMotor, TelemetryRows.KindMotor, TelemetryRows.KindBattery], rows.Select(r => r.GetString("Kind")));
        Assert.Equal([0, 1, 0], rows.Skip(1).Select(r => r.GetInt32("Index")!.Value));
        Assert.All(rows, r => Assert.Equal(1732550400, r.GetInt64("UnixTime")));

        var row = rows[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1732550400), row.GetDateTimeOffset("MeasuredAt"));
        Assert.Equal(message.ReceivedAt, row.GetDateTimeOffset("ReceivedAt"));
        Assert.Equal(message.PushId, row.GetString("PushId"));
        Assert.Equal("My cool app", row.GetString("UserAgent"));
        Assert.Equal(87, row.GetInt32("Speed"));
        Assert.Equal(1, row.GetInt32("State"));
        Assert.Equal("on", row.GetString("StateName"));
        Assert.Equal(44.6471, row.GetDouble("GpsLat"));
        Assert.Equal(5, row.GetInt32("GpsAcc"));
        Assert.Equal(5_201, rows[2].GetInt32("Rpm"));
        Assert.Equal(97, rows[3].GetInt32("Soh"));
    }

    [Fact]
    public void LeavesAbsentValuesOutOfTheRow()
    {
        var message = Snapshots.Header();
        message.UserAgent = null;
        var snapshot = new Snapshot { Timestamp = 1732550400, General = { ["speed"] = 87 }, Motors = [new Component(TelemetryGroup.Motor, 3) { ["rpm"] = 5200 }] };

        var rows = TelemetryRows.ToEntities(message, snapshot);

        Assert.Equal(["Kind", "MeasuredAt", "PushId", "ReceivedAt", "Speed", "UnixTime"], Properties(rows[0]));
        Assert.Equal(["Index", "Kind", "Rpm", "UnixTime"], Properties(rows[1]));
    }

    private static IEnumerable<string> Properties(TableEntity entity) =>
        entity.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order(StringComparer.Ordinal);
}
