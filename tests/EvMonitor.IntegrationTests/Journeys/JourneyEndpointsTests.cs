using System.Net;
using EvMonitor.Client;
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

    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeSeconds(Day);
    private static readonly DateTimeOffset To = DateTimeOffset.FromUnixTimeSeconds(Day + 86_399);

    private async Task<(EvMonitorClient App, string VehicleId)> PushDayAsync()
    {
        var account = await _service.CreateAccountAsync();
        var app = _service.Client.ClientFor(account);
        // Three trips at 08:00, 09:00 and 10:00 UTC and an AC charge at 12:00, pushed newest first.
        var snapshots = new[] { 3, 0, 2, 1 }
            .SelectMany(i => i == 3 ? Run(Day + 12 * 3600, 10, 0) : Run(Day + (8 + i) * 3600, 1, 40))
            .ToTelemetrySnapshots();
        Assert.Equal(snapshots.Count, await app.PushAsync(account.VehicleId, snapshots, "My cool app"));
        await ApiCalls.EventuallyAsync(async () =>
            await app.ReadTripsAsync(account.VehicleId, From, To).CountAsync() == 3
            && await app.ReadChargesAsync(account.VehicleId, From, To).CountAsync() == 1);
        return (app, account.VehicleId);
    }

    [Fact]
    public async Task TripPagesJoinUpToEveryTripInTimeOrderAndTheChargeIsAnAcSession()
    {
        var (app, vehicleId) = await PushDayAsync();

        var first = await app.GetTripsPageAsync(vehicleId, From, To, limit: 2);
        Assert.NotNull(first.NextCursor);
        var second = await app.GetTripsPageAsync(vehicleId, From, To, limit: 2, first.NextCursor);
        Assert.Null(second.NextCursor);

        var starts = first.Items.Concat(second.Items).Select(t => t.Start.ToUnixTimeSeconds()).ToList();
        Assert.Equal([Day + 8 * 3600, Day + 9 * 3600, Day + 10 * 3600], starts);
        var trip = first.Items[0];
        Assert.Equal(25, trip.DurationSeconds);
        Assert.Equal(45, trip.MaxSpeedKmh);
        Assert.Equal(6, trip.Snapshots);
        Assert.Null(trip.StartPosition); // no GPS fix was sent: none, never 0
        var charge = Assert.Single((await app.GetChargesPageAsync(vehicleId, From, To, limit: 10)).Items);
        Assert.Equal("ac", charge.Kind);
        Assert.Equal(Day + 12 * 3600, charge.Start.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task DailyStatisticsFollowTheVehiclesTimeZone()
    {
        var (app, vehicleId) = await PushDayAsync();
        await app.UpdateVehicleAsync(vehicleId, nickname: null, timeZone: "Asia/Tokyo");

        var stats = await app.GetStatsAsync(vehicleId, From, To, StatsPeriod.Day);

        var periods = stats.Periods.Where(p => p.Trips > 0 || p.Charges > 0).ToList();
        // 08:00–12:00 UTC is 17:00–21:00 in Tokyo (UTC+9, no daylight saving): one local day, which
        // starts at 15:00 UTC the day before.
        var day = Assert.Single(periods);
        Assert.Equal(Day - 9 * 3600, day.Start.ToUnixTimeSeconds());
        Assert.Equal(3, day.Trips);
        Assert.Equal(1, day.Charges);
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
