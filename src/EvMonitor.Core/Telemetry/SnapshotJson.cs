using System.Text.Json.Nodes;
using Azure.Data.Tables;
using EvMonitor.Api;

namespace EvMonitor.Telemetry;

/// <summary>
/// A stored snapshot as the API shows it, read from the rows <see cref="TelemetryRows"/> writes:
/// field names as in the push contract, readings that were not sent left out.
/// <code>{"timestamp":…,"measured_at":"…Z","received_at":"…Z","user_agent":"…","general":{"speed":87,…},
///  "motor":[{"index":0,"rpm":5200,…}],"batt":[{"index":0,"soc":80,…}],"gps":{"lat":…,"lng":…,"acc":…}}</code>
/// </summary>
public static class SnapshotJson
{
    // Column on the row → field in the answer.
    private static readonly (string Column, string Field)[] General =
    [
        ("Speed", "speed"), ("Range", "range"), ("State", "state"), ("StateName", "state_name"),
        ("Odometer", "odometer"), ("Watt100Km", "watt_100km"),
    ];

    private static readonly (string Column, string Field)[] Gps =
        [("GpsLat", "lat"), ("GpsLng", "lng"), ("GpsAcc", "acc"), ("GpsAlt", "alt")];

    private static readonly (string Column, string Field)[] Motor =
    [
        ("Index", "index"), ("Watt", "watt"), ("Rpm", "rpm"), ("Torque", "torque"), ("Temp", "temp"),
        ("CoolfluidTemp", "coolfluid_temp"), ("CoolfluidPump", "coolfluid_pump"),
    ];

    private static readonly (string Column, string Field)[] Battery =
    [
        ("Index", "index"), ("Soc", "soc"), ("SocWh", "soc_wh"), ("V", "v"), ("Vmin", "vmin"), ("Vmax", "vmax"),
        ("I", "i"), ("ICharge", "i_charge"), ("W", "w"), ("WCharge", "w_charge"),
        ("IChargeMax", "i_charge_max"), ("IDischargeMax", "i_discharge_max"),
        ("Temp", "temp"), ("TempMin", "temp_min"), ("TempMax", "temp_max"),
        ("CoolfluidTemp", "coolfluid_temp"), ("CoolfluidPump", "coolfluid_pump"), ("Soh", "soh"),
    ];

    /// <param name="snapshot">The snapshot row.</param>
    /// <param name="components">Its motor and battery rows, in key order (which is index order).</param>
    public static JsonObject FromRows(TableEntity snapshot, IEnumerable<TableEntity> components)
    {
        var timestamp = snapshot.GetInt64("UnixTime") ?? 0;
        var json = new JsonObject
        {
            ["timestamp"] = timestamp,
            ["measured_at"] = UnixTime.ToIso(DateTimeOffset.FromUnixTimeSeconds(timestamp)),
        };
        if (snapshot.GetDateTimeOffset("ReceivedAt") is { } receivedAt)
            json["received_at"] = UnixTime.ToIso(receivedAt);
        if (snapshot.GetString("UserAgent") is { } userAgent)
            json["user_agent"] = userAgent;
        json["general"] = Copy(snapshot, General);

        var motors = new JsonArray();
        var batteries = new JsonArray();
        foreach (var row in components)
        {
            switch (row.GetString("Kind"))
            {
                case TelemetryRows.KindMotor:
                    motors.Add(Copy(row, Motor));
                    break;
                case TelemetryRows.KindBattery:
                    batteries.Add(Copy(row, Battery));
                    break;
            }
        }
        if (motors.Count > 0)
            json["motor"] = motors;
        if (batteries.Count > 0)
            json["batt"] = batteries;
        var gps = Copy(snapshot, Gps);
        if (gps.Count > 0)
            json["gps"] = gps;
        return json;
    }

    private static JsonObject Copy(TableEntity row, (string Column, string Field)[] columns)
    {
        var json = new JsonObject();
        foreach (var (column, field) in columns)
        {
            if (row.TryGetValue(column, out var value) && ToJson(value) is { } node)
                json[field] = node;
        }
        return json;
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        _ => null,
    };
}
