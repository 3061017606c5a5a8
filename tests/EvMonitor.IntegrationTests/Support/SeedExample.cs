using System.Text.Json.Nodes;
using EvMonitor.Client;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// The contract's example push (two snapshots, two motors each, GPS on the first) in every encoding
/// an app may send it, at times <paramref name="t"/> and <paramref name="t"/> + 5.
/// </summary>
public static class SeedExample
{
    public const string UserAgent = "My cool app";

    public static (string Key, string Value)[] Form(string token, string vehicleId, long t) =>
    [
        ("token", token), ("vehicle_id", vehicleId), ("user-agent", UserAgent),
        ("data[0][timestamp]", $"{t}"),
        ("data[0][general][speed]", "87"), ("data[0][general][state]", "1"),
        ("data[0][general][motor][0][rpm]", "5200"), ("data[0][general][motor][1][rpm]", "5180"),
        ("data[0][general][gps][lat]", "44.6471"), ("data[0][general][gps][lng]", "10.9252"), ("data[0][general][gps][acc]", "5"),
        ("data[1][timestamp]", $"{t + 5}"),
        ("data[1][general][speed]", "90"),
        ("data[1][general][motor][0][rpm]", "5400"), ("data[1][general][motor][1][rpm]", "5390"),
    ];

    public static string FormBody(string token, string vehicleId, long t) => WireCalls.FormBody(Form(token, vehicleId, t));

    /// <summary>Indexed lists as JSON arrays (position = index).</summary>
    public static JsonObject JsonWithArrays(string? token, string vehicleId, long t) => new()
    {
        ["token"] = token,
        ["vehicle_id"] = vehicleId,
        ["user-agent"] = UserAgent,
        ["data"] = new JsonArray(
            new JsonObject
            {
                ["timestamp"] = t,
                ["general"] = new JsonObject
                {
                    ["speed"] = 87,
                    ["state"] = 1,
                    ["motor"] = new JsonArray(new JsonObject { ["rpm"] = 5200 }, new JsonObject { ["rpm"] = 5180 }),
                    ["gps"] = new JsonObject { ["lat"] = 44.6471, ["lng"] = 10.9252, ["acc"] = 5 },
                },
            },
            new JsonObject
            {
                ["timestamp"] = t + 5,
                ["general"] = new JsonObject
                {
                    ["speed"] = 90,
                    ["motor"] = new JsonArray(new JsonObject { ["rpm"] = 5400 }, new JsonObject { ["rpm"] = 5390 }),
                },
            }),
    };

    /// <summary>Indexed lists as objects keyed by the index as a string, values as strings, as a form-minded app might.</summary>
    public static JsonObject JsonWithKeyedObjects(string? token, string vehicleId, long t) => new()
    {
        ["token"] = token,
        ["vehicle_id"] = vehicleId,
        ["user-agent"] = UserAgent,
        ["data"] = new JsonObject
        {
            ["0"] = new JsonObject
            {
                ["timestamp"] = $"{t}",
                ["general"] = new JsonObject
                {
                    ["speed"] = "87",
                    ["state"] = "1",
                    ["motor"] = new JsonObject { ["0"] = new JsonObject { ["rpm"] = "5200" }, ["1"] = new JsonObject { ["rpm"] = "5180" } },
                    ["gps"] = new JsonObject { ["lat"] = "44.6471", ["lng"] = "10.9252", ["acc"] = "5" },
                },
            },
            ["1"] = new JsonObject
            {
                ["timestamp"] = $"{t + 5}",
                ["general"] = new JsonObject
                {
                    ["speed"] = "90",
                    ["motor"] = new JsonObject { ["0"] = new JsonObject { ["rpm"] = "5400" }, ["1"] = new JsonObject { ["rpm"] = "5390" } },
                },
            },
        },
    };

    /// <summary>The same two snapshots as the client library takes them, for tests that push as an app does (<see cref="UserAgent"/> as the user agent).</summary>
    public static List<TelemetrySnapshot> Snapshots(long t) =>
    [
        new()
        {
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(t),
            General = new() { Speed = 87, State = VehicleState.On },
            Motors = { [0] = new() { Rpm = 5200 }, [1] = new() { Rpm = 5180 } },
            Gps = new(44.6471, 10.9252, 5),
        },
        new()
        {
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(t + 5),
            General = new() { Speed = 90 },
            Motors = { [0] = new() { Rpm = 5400 }, [1] = new() { Rpm = 5390 } },
        },
    ];

    /// <summary>The rows the example becomes: 2 snapshots, 4 motor rows and the latest pointer.</summary>
    public const int RowCount = 7;
}
