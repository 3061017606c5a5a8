using System.Net;
using Azure.Data.Tables;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Telemetry;

namespace EvMonitor.IntegrationTests;

[Collection(AzuriteCollection.Name)]
public sealed class PushToTableTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task SeedExamplePushEndsUpNormalizedInTheTelemetryTable()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;

        var answer = await _service.Client.PostFormAsync("push",
            ("token", token), ("vehicle_id", account.VehicleId), ("user-agent", "My cool app"),
            ("data[0][timestamp]", $"{t}"),
            ("data[0][general][speed]", "87"), ("data[0][general][state]", "1"),
            ("data[0][general][motor][0][rpm]", "5200"), ("data[0][general][motor][1][rpm]", "5180"),
            ("data[0][general][gps][lat]", "44.6471"), ("data[0][general][gps][lng]", "10.9252"), ("data[0][general][gps][acc]", "5"),
            ("data[1][timestamp]", $"{t + 5}"),
            ("data[1][general][speed]", "90"),
            ("data[1][general][motor][0][rpm]", "5400"), ("data[1][general][motor][1][rpm]", "5390"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("OK", answer.Success);
        Assert.Equal(2, (int)answer.Body["accepted"]!);

        var table = _service.Storage.Table(_service.Storage.Names.Telemetry);
        List<TableEntity> rows = [];
        await ApiCalls.EventuallyAsync(async () =>
        {
            rows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == account.VehicleId).ToListAsync();
            return rows.Count == 7; // 2 snapshots + 4 motor rows + the latest pointer
        });

        var first = rows.Single(r => r.RowKey == TelemetryRows.SnapshotKey(t));
        Assert.Equal(87, first.GetInt32("Speed"));
        Assert.Equal("on", first.GetString("StateName"));
        Assert.Equal(44.6471, first.GetDouble("GpsLat"));
        Assert.Equal("My cool app", first.GetString("UserAgent"));
        Assert.Equal(5180, rows.Single(r => r.RowKey == TelemetryRows.MotorKey(t, 1)).GetInt32("Rpm"));
        Assert.Equal(t + 5, rows.Single(r => r.RowKey == TelemetryRows.LatestRowKey).GetInt64("UnixTime"));
    }
}
