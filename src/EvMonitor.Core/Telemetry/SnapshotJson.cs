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
        json["general"] = Copy(snapshot, TelemetryGroup.General);

        var motors = new JsonArray();
        var batteries = new JsonArray();
        foreach (var row in components)
        {
            switch (row.GetString("Kind"))
            {
                case TelemetryRows.KindMotor:
                    motors.Add(Copy(row, TelemetryGroup.Motor));
                    break;
                case TelemetryRows.KindBattery:
                    batteries.Add(Copy(row, TelemetryGroup.Battery));
                    break;
            }
        }
        if (motors.Count > 0)
            json["motor"] = motors;
        if (batteries.Count > 0)
            json["batt"] = batteries;
        var gps = Copy(snapshot, TelemetryGroup.Gps);
        if (gps.Count > 0)
            json["gps"] = gps;
        return json;
    }

    /// <summary>The group's readings found on the row; a motor or battery leads with its index.</summary>
    private static JsonObject Copy(TableEntity row, TelemetryGroup group)
    {
        var json = new JsonObject();
        if (group is TelemetryGroup.Motor or TelemetryGroup.Battery)
            Add(json, "index", row, "Index");
        foreach (var field in TelemetryFields.Of(group))
        {
            Add(json, field.Name, row, field.Column);
            if (field.NameColumn is { } nameColumn)
                Add(json, field.Name + "_name", row, nameColumn);
        }
        return json;
    }

    private static void Add(JsonObject json, string name, TableEntity row, string column)
    {
        if (row.TryGetValue(column, out var value) && ToJson(value) is { } node)
            json[name] = node;
    }

    /// <summary>
    /// Each value as its column types it: whole numbers (Edm.Int32 / Int64) stay whole, and a
    /// double is written in its shortest form that reads back as the same double (<c>71.5</c>).
    /// </summary>
    private static JsonNode? ToJson(object? value) => value switch
    {
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        _ => null,
    };
}
