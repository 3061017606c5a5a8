using System.Net;
using System.Text.Json.Nodes;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.IntegrationTests.Journeys;

/// <summary>get_trips, get_charges and get_stats over HTTP, after pushes through the queue.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class JourneyEndpointsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    /// <summary>Midnight UTC two days ago: the whole day fits what a push accepts.</summary>
    private static readonly long Day = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 86_400 * 86_400 - 2 * 86_400;

    /// <summary>Six snapshots 5 s apart in one state: one run, the gap rule (10 min) splits runs an hour apart.</summary>
    private static IEnumerable<PushedSnapshot> Run(long start, int state, int speed) =>
        Enumerable.Range(0, 6).Select(k => new PushedSnapshot(start + 5 * k, speed + k, State: state, Soc: 80 - k));

    private async Task<(string Token, string VehicleId)> PushDayAsync()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);
        // Three trips at 08:00, 09:00 and 10:00 UTC and an AC charge at 12:00, pushed newest first.
        var snapshots = new[] { 3, 0, 2, 1 }
            .SelectMany(i => i == 3 ? Run(Day + 12 * 3600, 10, 0) : Run(Day + (8 + i) * 3600, 1, 40))
            .ToList();
        Assert.Equal(HttpStatusCode.OK, (await _service.Client.PushAsync(token, account.VehicleId, "My cool app", snapshots)).Status);
        await ApiCalls.EventuallyAsync(async () =>
            (await Page(token, account.VehicleId, "get_trips", 100)).Body["trips"]!.AsArray().Count == 3
            && (await Page(token, account.VehicleId, "get_charges", 100)).Body["charges"]!.AsArray().Count == 1);
        return (token, account.VehicleId);
    }

    private Task<ApiCalls.Answer> Page(string token, string vehicleId, string endpoint, int limit, string? cursor = null)
    {
        var fields = new List<(string, string)> { ("token", token), ("vehicle_id", vehicleId), ("from", $"{Day}"), ("to", $"{Day + 86_399}"), ("limit", $"{limit}") };
        if (cursor is not null)
            fields.Add(("cursor", cursor));
        return _service.Client.PostFormAsync(endpoint, [.. fields]);
    }

    [Fact]
    public async Task TripPagesJoinUpToEveryTripInTimeOrderAndTheChargeIsAnAcSession()
    {
        var (token, vehicleId) = await PushDayAsync();

        var first = await Page(token, vehicleId, "get_trips", 2);
        var cursor = (string?)first.Body["next_cursor"];
        Assert.NotNull(cursor);
        var second = await Page(token, vehicleId, "get_trips", 2, cursor);
        Assert.Null((string?)second.Body["next_cursor"]);

        var starts = first.Body["trips"]!.AsArray().Concat(second.Body["trips"]!.AsArray()).Select(t => (long)t!["start"]!).ToList();
        Assert.Equal([Day + 8 * 3600, Day + 9 * 3600, Day + 10 * 3600], starts);
        var trip = first.Body["trips"]![0]!;
        Assert.Equal(25, (long)trip["duration_s"]!);
        Assert.Equal(45, (double)trip["max_speed_kmh"]!);
        Assert.Equal(6, (int)trip["snapshots"]!);
        Assert.Null(trip["start_position"]); // no GPS fix was sent: null, never 0
        var charge = Assert.Single((await Page(token, vehicleId, "get_charges", 10)).Body["charges"]!.AsArray())!;
        Assert.Equal("ac", (string?)charge["kind"]);
        Assert.Equal(Day + 12 * 3600, (long)charge["start"]!);
    }

    [Fact]
    public async Task DailyStatisticsFollowTheVehiclesTimeZone()
    {
        var (token, vehicleId) = await PushDayAsync();
        var update = await _service.Client.PostFormAsync("update_vehicle", ("token", token), ("vehicle_id", vehicleId), ("time_zone", "Asia/Tokyo"));
        Assert.Equal(HttpStatusCode.OK, update.Status);

        var stats = await _service.Client.PostFormAsync("get_stats",
            ("token", token), ("vehicle_id", vehicleId), ("from", $"{Day}"), ("to", $"{Day + 86_399}"), ("period", "day"));

        Assert.Equal(HttpStatusCode.OK, stats.Status);
        var periods = stats.Body["periods"]!.AsArray().Where(p => (int)p!["trips"]! > 0 || (int)p!["charges"]! > 0).ToList();
        // 08:00–12:00 UTC is 17:00–21:00 in Tokyo (UTC+9, no daylight saving): one local day, which
        // starts at 15:00 UTC the day before.
        var day = Assert.Single(periods)!;
        Assert.Equal(Day - 9 * 3600, (long)day["start"]!);
        Assert.Equal(3, (int)day["trips"]!);
        Assert.Equal(1, (int)day["charges"]!);
    }

    [Fact]
    public async Task AnUnknownTimeZoneIsRefusedNamingTheField()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);

        var answer = await _service.Client.PostFormAsync("update_vehicle", ("token", token), ("vehicle_id", account.VehicleId), ("time_zone", "Mars/Olympus_Mons"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("time_zone", (string?)answer.Body["errors"]![0]!["field"]);
    }
}
