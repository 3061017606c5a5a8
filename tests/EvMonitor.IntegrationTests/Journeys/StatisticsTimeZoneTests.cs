using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.IntegrationTests.Journeys;

/// <summary>
/// get_stats in a zone with daylight saving: periods start at local midnights and a trip counts in
/// the local day and month it started in. Berlin's offsets come from the EU rule (clocks change at
/// 01:00 UTC on the last Sunday of March and October, Directive 2000/84/EC): UTC+1 until
/// 2026-03-29T01:00Z, UTC+2 until 2026-10-25T01:00Z.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatisticsTimeZoneTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static long Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    /// <summary>A five-minute trip starting at <paramref name="start"/>.</summary>
    private static IEnumerable<PushedSnapshot> Trip(long start) =>
        Enumerable.Range(0, 6).Select(k => new PushedSnapshot(start + 60 * k, 50, State: 1));

    private async Task<(string Token, string VehicleId)> BerlinVehicleWithTripsAsync(params string[] starts)
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await _service.Client.PostFormAsync("update_vehicle", ("token", token), ("vehicle_id", account.VehicleId), ("time_zone", "Europe/Berlin"))).Status);
        await _service.Client.PushAsync(token, account.VehicleId, "test", starts.SelectMany(s => Trip(Utc(s))));
        await ApiCalls.EventuallyAsync(async () =>
            (await _service.Client.PostFormAsync("get_trips", ("token", token), ("vehicle_id", account.VehicleId), ("from", $"{Utc("2026-01-01T00:00:00Z")}"), ("to", $"{Utc("2026-12-31T00:00:00Z")}")))
                .Body["trips"]!.AsArray().Count(t => (int)t!["snapshots"]! == 6) == starts.Length);
        return (token, account.VehicleId);
    }

    private async Task<List<(long Start, int Trips)>> StatsAsync(string token, string vehicleId, string period, string from, string to)
    {
        var answer = await _service.Client.PostFormAsync("get_stats", ("token", token), ("vehicle_id", vehicleId), ("from", from), ("to", to), ("period", period));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Europe/Berlin", (string?)answer.Body["time_zone"]);
        return answer.Body["periods"]!.AsArray().Select(p => ((long)p!["start"]!, (int)p["trips"]!)).ToList();
    }

    [Fact]
    public async Task AroundSpringForwardEachTripCountsInTheLocalDayItStartedIn()
    {
        // 21:30Z on the 29th is 23:30 CEST the same day; 22:30Z is 00:30 CEST on the 30th; 23:30Z on the 28th is 00:30 CET on the 29th.
        var (token, vehicleId) = await BerlinVehicleWithTripsAsync("2026-03-28T23:30:00Z", "2026-03-29T21:30:00Z", "2026-03-29T22:30:00Z");

        var days = await StatsAsync(token, vehicleId, "day", "2026-03-28T12:00:00Z", "2026-03-30T12:00:00Z");

        Assert.Equal([(Utc("2026-03-27T23:00:00Z"), 0), (Utc("2026-03-28T23:00:00Z"), 2), (Utc("2026-03-29T22:00:00Z"), 1)], days);
    }

    [Fact]
    public async Task AroundFallBackTheLongDayHoldsItsLastHour()
    {
        // 22:30Z on the 25th is 23:30 CET, still the 25th, which began at 22:00Z on the 24th (00:00 CEST).
        var (token, vehicleId) = await BerlinVehicleWithTripsAsync("2026-10-24T21:30:00Z", "2026-10-25T22:30:00Z", "2026-10-25T23:30:00Z");

        var days = await StatsAsync(token, vehicleId, "day", "2026-10-24T12:00:00Z", "2026-10-26T12:00:00Z");

        Assert.Equal([(Utc("2026-10-23T22:00:00Z"), 1), (Utc("2026-10-24T22:00:00Z"), 1), (Utc("2026-10-25T23:00:00Z"), 1)], days);
    }

    [Fact]
    public async Task MonthsStartAtLocalMidnightAndATripLateOnTheLastUtcDayBelongsToTheNextMonth()
    {
        // 22:30Z on 31 March is 00:30 CEST on 1 April; 22:30Z on 28 February is 23:30 CET, still February.
        var (token, vehicleId) = await BerlinVehicleWithTripsAsync("2026-02-28T22:30:00Z", "2026-03-31T21:30:00Z", "2026-03-31T22:30:00Z");

        var months = await StatsAsync(token, vehicleId, "month", "2026-02-15T00:00:00Z", "2026-04-15T00:00:00Z");

        Assert.Equal([(Utc("2026-01-31T23:00:00Z"), 1), (Utc("2026-02-28T23:00:00Z"), 1), (Utc("2026-03-31T22:00:00Z"), 1)], months);
    }
}
