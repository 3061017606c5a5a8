using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Telemetry;

namespace EvMonitor.IntegrationTests;

/// <summary>The same (vehicle, timestamp) pushed again is one snapshot: the later push replaces the earlier one whole.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RepeatedPushTests(SharedService shared) : IClassFixture<SharedService>
{
    private RunningService Service => shared.Service;

    [Fact]
    public async Task ALaterPushOfTheSameTimestampReplacesTheSnapshotDroppingWhatItNoLongerHas()
    {
        var account = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        var key = TelemetryRows.SnapshotKey(t);

        var first = await Service.Client.PostFormAsync("push",
            ("token", token), ("vehicle_id", account.VehicleId), ("user-agent", "First app"),
            ("data[0][timestamp]", $"{t}"), ("data[0][general][speed]", "87"), ("data[0][general][range]", "150"),
            ("data[0][general][motor][0][rpm]", "5200"), ("data[0][general][motor][1][rpm]", "5180"),
            ("data[0][general][batt][0][soc]", "80"));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        await ApiCalls.EventuallyAsync(async () => (await Service.TelemetryRowsAsync(account.VehicleId)).Count == 5);

        var second = await Service.Client.PostJsonAsync("push", new()
        {
            ["token"] = token,
            ["vehicle_id"] = account.VehicleId,
            ["user-agent"] = "Second app",
            ["data"] = new JsonArray(new JsonObject
            {
                ["timestamp"] = t,
                ["general"] = new JsonObject { ["speed"] = 90, ["motor"] = new JsonObject { ["0"] = new JsonObject { ["rpm"] = 5400 } } },
            }),
        });
        Assert.Equal(HttpStatusCode.OK, second.Status);

        List<TableEntity> rows = [];
        await ApiCalls.EventuallyAsync(async () =>
            (rows = await Service.TelemetryRowsAsync(account.VehicleId)).Single(r => r.RowKey == key).GetInt32("Speed") == 90);
        Assert.Equal([key, TelemetryRows.MotorKey(t, 0), TelemetryRows.LatestRowKey], rows.Select(r => r.RowKey));
        var snapshot = rows[0];
        Assert.Equal("Second app", snapshot.GetString("UserAgent"));
        Assert.False(snapshot.ContainsKey("Range"), "a value the later push did not send must not survive from the earlier one");
        Assert.Equal(5400, rows[1].GetInt32("Rpm"));
    }

    [Fact]
    public async Task RepeatingAPushCreatesNoDuplicates()
    {
        var account = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;

        Assert.Equal(HttpStatusCode.OK, (await Service.Client.PostFormAsync("push", SeedExample.Form(token, account.VehicleId, t))).Status);
        await ApiCalls.EventuallyAsync(async () => (await Service.TelemetryRowsAsync(account.VehicleId)).Count == SeedExample.RowCount);
        var once = await Service.TelemetryRowsAsync(account.VehicleId);
        Assert.Equal(HttpStatusCode.OK, (await Service.Client.PostFormAsync("push", SeedExample.Form(token, account.VehicleId, t))).Status);
        var repeatId = shared.Sent.For(account.VehicleId)[^1].PushId;

        List<TableEntity> twice = [];
        await ApiCalls.EventuallyAsync(async () =>
            (twice = await Service.TelemetryRowsAsync(account.VehicleId)).Count(r => r.GetString("PushId") == repeatId) == 2);
        Assert.Equal(TableRows.Describe(once, TableRows.ReceiptColumns), TableRows.Describe(twice, TableRows.ReceiptColumns));
    }
}
