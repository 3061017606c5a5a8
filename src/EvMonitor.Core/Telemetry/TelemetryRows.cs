using System.Globalization;
using Azure.Data.Tables;

namespace EvMonitor.Telemetry;

/// <summary>
/// The normalized form of a snapshot in the <c>telemetry</c> table, and the one place that maps
/// between the two. Partition: the vehicle id, so a vehicle's history is one partition, written in
/// entity-group transactions and read by key range. Row keys sort by time:
/// <list type="bullet">
/// <item><c>001732550400</c>: the snapshot (general values, GPS, sending app, time received);</item>
/// <item><c>001732550400-b000</c>, <c>…-m001</c>: one row per battery / motor, keyed by index;</item>
/// <item><c>journey-…</c>, <c>health-…</c>: what is derived from the snapshots, trips and charging
/// sessions (<see cref="Journeys.JourneyRows"/>) and delivery health (<see cref="VehicleHealth.VehicleHealthRows"/>);
/// their keys sort after every time key and before <c>latest</c>, so a range of times never holds
/// them and deleting the rows before <c>latest</c> erases them with the snapshots;</item>
/// <item><c>latest</c>: the Unix time of the newest snapshot (sorts after every other key) and the
/// head of the derived trips and sessions; once the vehicle is deleted, a marker that it was, with
/// no time (see <see cref="TelemetryTable"/>).</item>
/// </list>
/// </summary>
public static class TelemetryRows
{
    public const string LatestRowKey = "latest";

    public const string KindSnapshot = "snapshot";
    public const string KindMotor = "motor";
    public const string KindBattery = "battery";

    /// <summary>The <c>latest</c> row naming the newest snapshot; without one when none is stored yet.</summary>
    public static TableEntity LatestPointer(string vehicleId, long? unixTime)
    {
        var row = new TableEntity(vehicleId, LatestRowKey);
        Set(row, "UnixTime", unixTime);
        return row;
    }

    /// <summary>What the <c>latest</c> row becomes when the vehicle is deleted: it then stops every write still queued.</summary>
    public static TableEntity DeletedMarker(string vehicleId) => new(vehicleId, LatestRowKey) { ["Deleted"] = true };

    public static string SnapshotKey(long unixSeconds) => unixSeconds.ToString("D12", CultureInfo.InvariantCulture);

    public static string MotorKey(long unixSeconds, int index) => SnapshotKey(unixSeconds) + "-m" + index.ToString("D3", CultureInfo.InvariantCulture);

    public static string BatteryKey(long unixSeconds, int index) => SnapshotKey(unixSeconds) + "-b" + index.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>True for a motor or battery row of the snapshot with key <paramref name="snapshotKey"/>.</summary>
    public static bool IsComponentOf(string rowKey, string snapshotKey) =>
        rowKey.Length > snapshotKey.Length && rowKey.StartsWith(snapshotKey, StringComparison.Ordinal) && rowKey[snapshotKey.Length] == '-';

    /// <summary>The snapshot row followed by its motor and battery rows.</summary>
    public static List<TableEntity> ToEntities(TelemetryMessage message, Snapshot s)
    {
        var key = SnapshotKey(s.Timestamp);
        var rows = new List<TableEntity>(1 + (s.Motors?.Count ?? 0) + (s.Batteries?.Count ?? 0));
        var row = new TableEntity(message.VehicleId, key)
        {
            ["Kind"] = KindSnapshot,
            ["UnixTime"] = s.Timestamp,
            ["MeasuredAt"] = DateTimeOffset.FromUnixTimeSeconds(s.Timestamp),
            ["ReceivedAt"] = message.ReceivedAt,
            ["PushId"] = message.PushId,
        };
        Set(row, "UserAgent", message.UserAgent);
        SetReadings(row, s.General);
        if (s.Gps is { } gps)
            SetReadings(row, gps);
        rows.Add(row);

        foreach (var m in s.Motors ?? [])
            rows.Add(ComponentRow(message, s, MotorKey(s.Timestamp, m.Index), KindMotor, m));
        foreach (var b in s.Batteries ?? [])
            rows.Add(ComponentRow(message, s, BatteryKey(s.Timestamp, b.Index), KindBattery, b));
        return rows;
    }

    /// <summary>
    /// How a reading is typed in its column: a whole number as Edm.Int32 (as every row was before
    /// readings could be decimals), or Edm.Int64 beyond that; anything else as Edm.Double. So a whole
    /// number reads back whole, and a decimal as the same double.
    /// </summary>
    public static object ColumnValue(double value) => value switch
    {
        _ when value != Math.Floor(value) => value,
        >= int.MinValue and <= int.MaxValue => (int)value,
        // Beyond 2^53 a double no longer tells whole numbers apart; it is kept as it is.
        >= -MaxExactWhole and <= MaxExactWhole => (long)value,
        _ => (object)value,
    };

    private const double MaxExactWhole = 9_007_199_254_740_992;

    private static TableEntity ComponentRow(TelemetryMessage message, Snapshot s, string rowKey, string kind, Component component)
    {
        var row = new TableEntity(message.VehicleId, rowKey) { ["Kind"] = kind, ["UnixTime"] = s.Timestamp, ["Index"] = component.Index };
        SetReadings(row, component);
        return row;
    }

    private static void SetReadings(TableEntity row, Readings readings)
    {
        foreach (var field in TelemetryFields.Of(readings.Group))
        {
            if (readings[field] is not { } value)
                continue;
            row[field.Column] = ColumnValue(value);
            if (field.NameColumn is { } nameColumn)
                Set(row, nameColumn, field.NameOf(value));
        }
    }

    // Absent readings are left out of the row rather than stored as null.
    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
            entity[name] = value;
    }
}
