using System.Text.Json;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Telemetry;

namespace EvMonitor.IntegrationTests;

/// <summary>A full push (1,000 snapshots) goes through the queue in a few messages and becomes exactly its rows.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LargePushTests(SharedService shared) : IClassFixture<SharedService>
{
    private const int Snapshots = 1000;

    private RunningService Service => shared.Service;

    [Fact]
    public async Task AThousandSnapshotPushIsQueuedInFewMessagesAndStoredWhole()
    {
        var account = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600;
        var snapshots = Ride(t0, Snapshots);

        var answer = await Service.Client.PostJsonAsync("push", Body(token, account.VehicleId, snapshots));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(Snapshots, (int)answer.Body["accepted"]!);
        // The push path's only storage work is one send per message, and the messages are exactly what Pack makes.
        var sent = shared.Sent.For(account.VehicleId);
        var header = sent[0];
        Assert.Equal(TelemetryMessages.Pack(header, snapshots).Count, sent.Count);
        Assert.InRange(sent.Count, 1, Snapshots / 50);
        Assert.All(sent, m => Assert.Equal(header.PushId, m.PushId));
        Assert.Equal(snapshots.Select(s => s.Timestamp), sent.SelectMany(m => m.Snapshots).Select(s => s.Timestamp));

        // The latest pointer moves after the rows, so it is waited for as well.
        var newest = t0 + Snapshots - 1;
        List<TableEntity> rows = [];
        await ApiCalls.EventuallyAsync(
            async () => (rows = await Service.TelemetryRowsAsync(account.VehicleId)).Count == Snapshots * 4 + 1
                && rows.Single(r => r.RowKey == TelemetryRows.LatestRowKey).GetInt64("UnixTime") == newest,
            TimeSpan.FromSeconds(60));

        var byKind = rows.Where(r => r.RowKey != TelemetryRows.LatestRowKey).GroupBy(r => r.GetString("Kind")).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["snapshot"] = Snapshots, ["motor"] = 2 * Snapshots, ["battery"] = Snapshots }, byKind);
        var sample = snapshots[617];
        var row = rows.Single(r => r.RowKey == TelemetryRows.SnapshotKey(sample.Timestamp));
        Assert.Equal(sample.General["speed"], row.GetInt32("Speed"));
        Assert.Equal(sample.Gps!["lat"], row.GetDouble("GpsLat"));
        Assert.Equal(sample.Motors![1]["rpm"], rows.Single(r => r.RowKey == TelemetryRows.MotorKey(sample.Timestamp, 1)).GetInt32("Rpm"));
        Assert.Equal(sample.Batteries![0]["soc"], rows.Single(r => r.RowKey == TelemetryRows.BatteryKey(sample.Timestamp, 0)).GetInt32("Soc"));
        Assert.Null((await Service.Storage.TelemetryPoisonQueue.PeekMessageAsync()).Value);
    }

    /// <summary>A ride at one reading per second: two motors, one battery pack draining, a position moving north-east.</summary>
    private static List<Snapshot> Ride(long t0, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var speed = (int)(60 + 40 * Math.Sin(i / 60.0));
            return new Snapshot
            {
                Timestamp = t0 + i,
                General = { ["speed"] = speed, ["range"] = 210 - i / 20, ["state"] = 1, ["odometer"] = 12_345 + i / 60, ["watt_100km"] = 14_000 + 10 * (i % 300) },
                Motors =
                [
                    new Component(TelemetryGroup.Motor, 0) { ["watt"] = 300 * speed, ["rpm"] = 60 * speed, ["torque"] = 110 - speed / 2, ["temp"] = 45 + i / 100, ["coolfluid_temp"] = 38, ["coolfluid_pump"] = 1 },
                    new Component(TelemetryGroup.Motor, 1) { ["watt"] = 295 * speed, ["rpm"] = 60 * speed - 15, ["torque"] = 108 - speed / 2, ["temp"] = 46 + i / 100, ["coolfluid_temp"] = 39, ["coolfluid_pump"] = 1 },
                ],
                Batteries =
                [
                    new Component(TelemetryGroup.Battery, 0) { ["soc"] = 85 - i / 100, ["soc_wh"] = 18_700 - 2 * i, ["v"] = 402 - i / 50, ["vmin"] = 3_910 - i / 10, ["vmax"] = 3_960 - i / 10,
                        ["i"] = 45 + speed / 2, ["w"] = 402 * (45 + speed / 2), ["i_charge_max"] = 60, ["i_discharge_max"] = 250,
                        ["temp"] = 28 + i / 200, ["temp_min"] = 27, ["temp_max"] = 31 + i / 200, ["soh"] = 97},
                ],
                Gps = new Readings(TelemetryGroup.Gps) { ["lat"] = Math.Round(44.6471 + i * 0.00011, 6), ["lng"] = Math.Round(10.9252 + i * 0.00013, 6), ["acc"] = 4 + i % 3, ["alt"] = 34.5 }};
        }).ToList();

    /// <summary>The push an app would send for <paramref name="snapshots"/>, as JSON.</summary>
    private static JsonObject Body(string token, string vehicleId, List<Snapshot> snapshots) => new()
    {
        ["token"] = token,
        ["vehicle_id"] = vehicleId,
        ["user-agent"] = "Ride logger 2.1",
        ["data"] = new JsonArray([.. snapshots.Select(AsPushed)]),
    };

    /// <summary>A snapshot as the push spells it: its queue form, with the readings under <c>general</c>.</summary>
    private static JsonNode AsPushed(Snapshot snapshot)
    {
        var pushed = JsonSerializer.SerializeToNode(snapshot, TelemetryJsonContext.Default.Snapshot)!.AsObject();
        var general = new JsonObject();
        foreach (var (name, value) in pushed.ToList())
        {
            if (name == "timestamp")
                continue;
            pushed.Remove(name);
            general[name] = value;
        }
        pushed["general"] = general;
        return pushed;
    }
}
