using System.Net;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.IntegrationTests.VehicleHealth;

/// <summary>get_vehicle_health over HTTP after a known set of pushes: two stored (one re-pushing a snapshot), one refused.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class VehicleHealthEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    // Counts are written a fifth of a second after they are gathered rather than every 10 s.
    public async Task InitializeAsync() =>
        _service = await RunningService.StartAsync(azurite, new Dictionary<string, string> { ["EvMonitor:VehicleHealth:FlushInterval"] = "00:00:00.200" });

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private Task<WireCalls.Answer> HealthAsync(string token, string vehicleId) =>
        _service.Client.PostFormAsync("get_vehicle_health", ("token", token), ("vehicle_id", vehicleId));

    [Fact]
    public async Task BeforeAnyPushEveryFigureTheDataCannotGiveIsNull()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);

        var health = (await HealthAsync(token, account.VehicleId)).Body;

        Assert.Null(health["last_measured"]);
        Assert.Null(health["last_received"]);
        Assert.Null(health["lag_p50_s"]);
        Assert.Null(health["lag_p95_s"]);
        Assert.Equal(0, (int)health["lag_snapshots"]!);
        Assert.Null(health["rejected_24h"]!["last_at"]);
        Assert.Null(health["rejected_24h"]!["last_code"]);
    }

    [Fact]
    public async Task FiguresCountStoredRepushedAndRefusedPushesAndTheLagOfEachSnapshot()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);
        var start = DateTimeOffset.UtcNow;
        var now = start.ToUnixTimeSeconds();

        // Measured 30, 20 and 10 s before the push; then 10 s old again (a re-push) and 5 s old.
        var app = _service.Client.ClientFor(account);
        await app.PushAsync(account.VehicleId, new PushedSnapshot[] { new(now - 30, 10), new(now - 20, 20), new(now - 10, 30) }.ToTelemetrySnapshots(), "app");
        await ApiCalls.EventuallyAsync(async () =>
            await app.ReadHistoryAsync(account.VehicleId, start.AddSeconds(-60), start).CountAsync() == 3);
        await app.PushAsync(account.VehicleId, new PushedSnapshot[] { new(now - 10, 31), new(now - 5, 40) }.ToTelemetrySnapshots(), "app");
        // The refused push by hand: a speed that is not a number, which the typed client cannot send.
        var refused = await _service.Client.PostFormAsync("push", ("token", token), ("vehicle_id", account.VehicleId),
            ("data[0][timestamp]", $"{now}"), ("data[0][general][speed]", "fast"));
        // Another user's token naming this vehicle is not counted: the vehicle is not its to debug.
        var other = await _service.CreateAccountAsync();
        var forbidden = await _service.Client.PostFormAsync("push", ("token", await _service.Client.LoginAsync(other)), ("vehicle_id", account.VehicleId),
            ("data[0][timestamp]", $"{now}"), ("data[0][general][speed]", "fast"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);

        WireCalls.Answer answer = null!;
        await ApiCalls.EventuallyAsync(async () =>
        {
            answer = await HealthAsync(token, account.VehicleId);
            return (int)answer.Body["stored_24h"]! == 5 && (int)answer.Body["rejected_24h"]!["total"]! == 1 && (int)answer.Body["lag_snapshots"]! == 5;
        });
        var finished = DateTimeOffset.UtcNow;
        var health = answer.Body;

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(now - 5, (long)health["last_measured"]!);
        Assert.InRange((long)health["last_received"]!, now, finished.ToUnixTimeSeconds());
        Assert.Equal(1, (int)health["repushed_24h"]!);
        // Lags, sorted: 5, 10, 10 (the re-push, received later), 20, 30 s, each plus the time since `start`.
        var slack = (finished - start).TotalSeconds + 1;
        Assert.InRange((double)health["lag_p50_s"]!, 10, 10 + slack);
        Assert.InRange((double)health["lag_p95_s"]!, 30, 30 + slack);
        var rejected = health["rejected_24h"]!;
        Assert.Equal(1, (int)rejected["by_code"]!["VALIDATION_FAILED"]!);
        Assert.Single(rejected["by_code"]!.AsObject());
        Assert.Equal("VALIDATION_FAILED", (string?)rejected["last_code"]);
        Assert.InRange((long)rejected["last_at"]!, start.ToUnixTimeSeconds(), finished.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task AnotherUsersVehicleIsForbidden()
    {
        var owner = await _service.CreateAccountAsync();
        var other = await _service.CreateAccountAsync();

        var answer = await HealthAsync(await _service.Client.LoginAsync(other), owner.VehicleId);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("VEHICLE_FORBIDDEN", answer.Code);
    }
}
