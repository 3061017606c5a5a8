using Azure.Data.Tables;
using EvMonitor.Client;
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
        var app = Service.Client.ClientFor(account);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        var key = TelemetryRows.SnapshotKey(t);

        await app.PushAsync(account.VehicleId, [new TelemetrySnapshot
        {
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(t),
            General = new() { Speed = 87, Range = 150 },
            Motors = { [0] = new() { Rpm = 5200 }, [1] = new() { Rpm = 5180 } },
            Batteries = { [0] = new() { Soc = 80 } },
        }], "First app");
        await ApiCalls.EventuallyAsync(async () => (await Service.TelemetryRowsAsync(account.VehicleId)).Count == 5);

        await app.PushAsync(account.VehicleId, [new TelemetrySnapshot
        {
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(t),
            General = new() { Speed = 90 },
            Motors = { [0] = new() { Rpm = 5400 } },
        }], "Second app");

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
        var app = Service.Client.ClientFor(account);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;

        await app.PushAsync(account.VehicleId, SeedExample.Snapshots(t), SeedExample.UserAgent);
        await ApiCalls.EventuallyAsync(async () => (await Service.TelemetryRowsAsync(account.VehicleId)).Count == SeedExample.RowCount);
        var once = await Service.TelemetryRowsAsync(account.VehicleId);
        await app.PushAsync(account.VehicleId, SeedExample.Snapshots(t), SeedExample.UserAgent);
        var repeatId = shared.Sent.For(account.VehicleId)[^1].PushId;

        List<TableEntity> twice = [];
        await ApiCalls.EventuallyAsync(async () =>
            (twice = await Service.TelemetryRowsAsync(account.VehicleId)).Count(r => r.GetString("PushId") == repeatId) == 2);
        Assert.Equal(TableRows.Describe(once, TableRows.ReceiptColumns), TableRows.Describe(twice, TableRows.ReceiptColumns));
    }
}
