using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace EvMonitor.Bench;

/// <summary>
/// A realistic push as an app sends it: every snapshot with the general readings, two motors, one
/// battery and a GPS fix, values varying from one snapshot to the next. Built once as the JSON tree
/// of the contract and spelled from it in each of the three body encodings. With
/// <c>decimals</c>, every measured reading is a decimal (<c>82.4</c>, <c>398.2</c>), and the large
/// ones are written with an exponent as PHP and JavaScript print floats (<c>4.12376E+4</c>).
/// </summary>
public static class SamplePush
{
    public const int MotorsPerSnapshot = 2;
    public const int BatteriesPerSnapshot = 1;

    /// <summary>Table rows one snapshot becomes: itself, its motors and its battery.</summary>
    public const int RowsPerSnapshot = 1 + MotorsPerSnapshot + BatteriesPerSnapshot;

    public static JsonObject Json(string token, string vehicleId, long firstTimestamp, int snapshots, int seed = 0, bool decimals = false)
    {
        var data = new JsonArray();
        for (var i = 0; i < snapshots; i++)
            data.Add(decimals ? DecimalSnapshot(firstTimestamp + i, seed + i) : Snapshot(firstTimestamp + i, seed + i));
        return new JsonObject
        {
            ["token"] = token,
            ["vehicle_id"] = vehicleId,
            ["user-agent"] = "EV-Monitor Android 3.2.1",
            ["data"] = data,
        };
    }

    private static JsonObject Snapshot(long timestamp, int n)
    {
        var motors = new JsonArray();
        for (var m = 0; m < MotorsPerSnapshot; m++)
        {
            motors.Add(new JsonObject
            {
                ["watt"] = 41_000 + 37 * n + m,
                ["rpm"] = 5_200 + 11 * (n % 300) - 20 * m,
                ["torque"] = 180 + n % 40,
                ["temp"] = 61 + n % 9,
                ["coolfluid_temp"] = 44 + n % 5,
                ["coolfluid_pump"] = 1,
            });
        }
        return new JsonObject
        {
            ["timestamp"] = timestamp,
            ["general"] = new JsonObject
            {
                ["speed"] = 80 + n % 50,
                ["range"] = 210 - n % 200,
                ["state"] = 1,
                ["odometer"] = 12_345 + n / 10,
                ["watt_100km"] = 11_800 + n % 700,
                ["motor"] = motors,
                ["batt"] = new JsonArray(new JsonObject
                {
                    ["soc"] = 90 - n % 80,
                    ["soc_wh"] = 19_500 - 3 * (n % 5000),
                    ["v"] = 398 - n % 30,
                    ["vmin"] = 3_912 - n % 200,
                    ["vmax"] = 3_948 - n % 200,
                    ["i"] = 104 + n % 60,
                    ["w"] = 41_200 + 37 * n,
                    ["temp"] = 31 + n % 6,
                    ["temp_min"] = 29 + n % 6,
                    ["temp_max"] = 34 + n % 6,
                    ["soh"] = 97,
                }),
                ["gps"] = new JsonObject
                {
                    // The route starts over every 100,000 snapshots: an app's seed (the load tool gives app i
                    // i × 7,919) would otherwise take the latitude past 90 from the 48th app on.
                    ["lat"] = Math.Round(44.6471 + 0.00012 * (n % 100_000), 6),
                    ["lng"] = Math.Round(10.9252 + 0.00009 * (n % 100_000), 6),
                    ["acc"] = 4 + n % 6,
                    ["alt"] = Math.Round(34.5 + 0.1 * (n % 50), 1),
                },
            },
        };
    }

    private static JsonObject DecimalSnapshot(long timestamp, int n)
    {
        var snapshot = Snapshot(timestamp, n);
        var general = snapshot["general"]!.AsObject();
        foreach (var name in new[] { "speed", "range", "odometer", "watt_100km" })
            general[name] = Decimal(general[name]!, n);
        foreach (var group in new[] { general["motor"]!.AsArray(), general["batt"]!.AsArray() })
        {
            foreach (var component in group)
            {
                foreach (var (name, value) in component!.AsObject().ToList())
                {
                    if (name != "coolfluid_pump")
                        component[name] = Decimal(value!, n);
                }
            }
        }
        var gps = general["gps"]!.AsObject();
        gps["acc"] = Decimal(gps["acc"]!, n);
        return snapshot;
    }

    /// <summary>The whole value with a tenth added (soc and soh stay below 100); from 10,000 up in exponent form.</summary>
    private static JsonNode Decimal(JsonNode whole, int n)
    {
        var value = (int)whole + (n % 9 + 1) / 10.0 - ((int)whole >= 97 ? 1 : 0);
        return JsonNode.Parse(Math.Abs(value) >= 10_000
            ? value.ToString("0.0####E+0", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture))!;
    }

    /// <summary>The tree as form fields: objects become <c>[name]</c> and arrays <c>[position]</c>, as the contract spells them.</summary>
    public static List<KeyValuePair<string, string>> Fields(JsonObject push)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in push)
            Flatten(name, value, fields);
        return fields;
    }

    private static void Flatten(string key, JsonNode? node, List<KeyValuePair<string, string>> fields)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                    Flatten($"{key}[{name}]", value, fields);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    Flatten(string.Create(CultureInfo.InvariantCulture, $"{key}[{i}]"), a[i], fields);
                break;
            case JsonValue v:
                fields.Add(KeyValuePair.Create(key, v.ToJsonString().Trim('"')));
                break;
        }
    }

    /// <summary>The body an HTTP client's form content sends: brackets percent-encoded, spaces as '+'.</summary>
    public static byte[] FormBody(JsonObject push) =>
        new FormUrlEncodedContent(Fields(push)).ReadAsByteArrayAsync().GetAwaiter().GetResult();

    public const string FormContentType = "application/x-www-form-urlencoded";

    public static (byte[] Body, string ContentType) MultipartBody(JsonObject push)
    {
        using var content = new MultipartFormDataContent("----evmonitor-sample-boundary");
        foreach (var (key, value) in Fields(push))
            content.Add(new StringContent(value, Encoding.UTF8), key);
        return (content.ReadAsByteArrayAsync().GetAwaiter().GetResult(), content.Headers.ContentType!.ToString());
    }

    public static byte[] JsonBody(JsonObject push) => Encoding.UTF8.GetBytes(push.ToJsonString());

    public static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
}
