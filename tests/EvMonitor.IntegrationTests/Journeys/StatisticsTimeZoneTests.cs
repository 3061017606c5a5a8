using System.Globalization;
using EvMonitor.Client;
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

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>A five-minute trip starting at <paramref name="start"/>.</summary>
    private static IEnumerable<PushedSnapshot> Trip(DateTimeOffset start) =>
        Enumerable.Range(0, 6).Select(k => new PushedSnapshot(start.ToUnixTimeSeconds() + 60 * k, 50, State: 1));

    private async Task<(EvMonitorClient App, string VehicleId)> BerlinVehicleWithTripsAsync(params string[] starts)
    {
        var account = await _service.CreateAccountAsync();
        var app = _service.Client.ClientFor(account);
        await app.UpdateVehicleAsync(account.VehicleId, nickname: null, timeZone: "Europe/Berlin");
        await app.PushAsync(account.VehicleId, starts.SelectMany(s => Trip(Utc(s))).ToTelemetrySnapshots(), "test");
        await ApiCalls.EventuallyAsync(async () =>
            await app.ReadTripsAsync(account.VehicleId, Utc("2026-01-01T00:00:00Z"), Utc("2026-12-31T00:00:00Z")).CountAsync(t => t.Snapshots == 6) == starts.Length);
        return (app, account.VehicleId);
    }

    private static async Task<List<(DateTimeOffset Start, int Trips)>> StatsAsync(EvMonitorClient app, string vehicleId, StatsPeriod period, string from, string to)
    {
        var stats = await app.GetStatsAsync(vehicleId, Utc(from), Utc(to), period);
        Assert.Equal("Europe/Berlin", stats.TimeZone);
        return stats.Periods.Select(p => (p.Start, p.Trips)).ToList();
    }

    [Fact]
    public async Task AroundSpringForwardEachTripCountsInTheLocalDayItStartedIn()
    {
        // 21:30Z on the 29th is 23:30 CEST the same day; 22:30Z is 00:30 CEST on the 30th; 23:30Z on the 28th is 00:30 CET on the 29th.
        var (app, vehicleId) = await BerlinVehicleWithTripsAsync("2026-03-28T23:30:00Z", "2026-03-29T21:30:00Z", "2026-03-29T22:30:00Z");

        var days = await StatsAsync(app, vehicleId, StatsPeriod.Day, "2026-03-28T12:00:00Z", "2026-03-30T12:00:00Z");

        Assert.Equal([(Utc("2026-03-27T23:00:00Z"), 0), (Utc("2026-03-28T23:00:00Z"), 2), (Utc("2026-03-29T22:00:00Z"), 1)], days);
    }

    [Fact]
    public async Task AroundFallBackTheLongDayHoldsItsLastHour()
    {
        // 22:30Z on the 25th is 23:30 CET, still the 25th, which began at 22:00Z on the 24th (00:00 CEST).
        var (app, vehicleId) = await BerlinVehicleWithTripsAsync("2026-10-24T21:30:00Z", "2026-10-25T22:30:00Z", "2026-10-25T23:30:00Z");

        var days = await StatsAsync(app, vehicleId, StatsPeriod.Day, "2026-10-24T12:00:00Z", "2026-10-26T12:00:00Z");

        Assert.Equal([(Utc("2026-10-23T22:00:00Z"), 1), (Utc("2026-10-24T22:00:00Z"), 1), (Utc("2026-10-25T23:00:00Z"), 1)], days);
    }

    [Fact]
    public async Task MonthsStartAtLocalMidnightAndATripLateOnTheLastUtcDayBelongsToTheNextMonth()
    {
        // 22:30Z on 31 March is 00:30 CEST on 1 April; 22:30Z on 28 February is 23:30 CET, still February.
        var (app, vehicleId) = await BerlinVehicleWithTripsAsync("2026-02-28T22:30:00Z", "2026-03-31T21:30:00Z", "2026-03-31T22:30:00Z");

        var months = await StatsAsync(app, vehicleId, StatsPeriod.Month, "2026-02-15T00:00:00Z", "2026-04-15T00:00:00Z");

        Assert.Equal([(Utc("2026-01-31T23:00:00Z"), 1), (Utc("2026-02-28T23:00:00Z"), 1), (Utc("2026-03-31T22:00:00Z"), 1)], months);
    }
}
