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

        var answer = await _service.Client.PostFormAsync("push", SeedExample.Form(token, account.VehicleId, t));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("OK", answer.Success);
        Assert.Equal(2, (int)answer.Body["accepted"]!);

        List<TableEntity> rows = [];
        await ApiCalls.EventuallyAsync(async () => (rows = await _service.TelemetryRowsAsync(account.VehicleId)).Count == SeedExample.RowCount);

        var first = rows.Single(r => r.RowKey == TelemetryRows.SnapshotKey(t));
        Assert.Equal(87, first.GetInt32("Speed"));
        Assert.Equal("on", first.GetString("StateName"));
        Assert.Equal(44.6471, first.GetDouble("GpsLat"));
        Assert.Equal("My cool app", first.GetString("UserAgent"));
        Assert.Equal(5180, rows.Single(r => r.RowKey == TelemetryRows.MotorKey(t, 1)).GetInt32("Rpm"));
        Assert.Equal(t + 5, rows.Single(r => r.RowKey == TelemetryRows.LatestRowKey).GetInt64("UnixTime"));
    }
}
