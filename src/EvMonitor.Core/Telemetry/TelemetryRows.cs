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
/// <item><c>latest</c>: the Unix time of the newest snapshot (sorts after every time key); once the
/// vehicle is deleted, a marker that it was, with no time (see <see cref="TelemetryTable"/>).</item>
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

    public static string? StateName(int? state) => state switch
    {
        0 => "off",
        1 => "on",
        10 => "charging_ac",
        11 => "charging_dc",
        _ => null,
    };

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
        Set(row, "Speed", s.Speed);
        Set(row, "Range", s.Range);
        Set(row, "State", s.State);
        Set(row, "StateName", StateName(s.State));
        Set(row, "Odometer", s.Odometer);
        Set(row, "Watt100Km", s.Watt100Km);
        if (s.Gps is { } gps)
        {
            Set(row, "GpsLat", gps.Lat);
            Set(row, "GpsLng", gps.Lng);
            Set(row, "GpsAcc", gps.Acc);
            Set(row, "GpsAlt", gps.Alt);
        }
        rows.Add(row);

        foreach (var m in s.Motors ?? [])
        {
            var e = new TableEntity(message.VehicleId, MotorKey(s.Timestamp, m.Index)) { ["Kind"] = KindMotor, ["UnixTime"] = s.Timestamp, ["Index"] = m.Index };
            Set(e, "Watt", m.Watt);
            Set(e, "Rpm", m.Rpm);
            Set(e, "Torque", m.Torque);
            Set(e, "Temp", m.Temp);
            Set(e, "CoolfluidTemp", m.CoolfluidTemp);
            Set(e, "CoolfluidPump", m.CoolfluidPump);
            rows.Add(e);
        }
        foreach (var b in s.Batteries ?? [])
        {
            var e = new TableEntity(message.VehicleId, BatteryKey(s.Timestamp, b.Index)) { ["Kind"] = KindBattery, ["UnixTime"] = s.Timestamp, ["Index"] = b.Index };
            Set(e, "Soc", b.Soc);
            Set(e, "SocWh", b.SocWh);
            Set(e, "V", b.V);
            Set(e, "Vmin", b.Vmin);
            Set(e, "Vmax", b.Vmax);
            Set(e, "I", b.I);
            Set(e, "ICharge", b.ICharge);
            Set(e, "W", b.W);
            Set(e, "WCharge", b.WCharge);
            Set(e, "IChargeMax", b.IChargeMax);
            Set(e, "IDischargeMax", b.IDischargeMax);
            Set(e, "Temp", b.Temp);
            Set(e, "TempMin", b.TempMin);
            Set(e, "TempMax", b.TempMax);
            Set(e, "CoolfluidTemp", b.CoolfluidTemp);
            Set(e, "CoolfluidPump", b.CoolfluidPump);
            Set(e, "Soh", b.Soh);
            rows.Add(e);
        }
        return rows;
    }

    // Absent readings are left out of the row rather than stored as null.
    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
            entity[name] = value;
    }
}
