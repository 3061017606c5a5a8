using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.Client.Tests.Integration;

/// <summary>
/// The client's methods for what the service derives and serves beyond snapshots (trips, charging
/// sessions, statistics, export, vehicle health, health, the OpenAPI document, logout), against
/// the real service over HTTP with storage in Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClientReadsJourneysAgainstServiceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private RunningService _service = null!;

    public async Task InitializeAsync() =>
        _service = await RunningService.StartAsync(azurite, new Dictionary<string, string> { ["EvMonitor:VehicleHealth:FlushInterval"] = "00:00:00.200" });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
    }

    private EvMonitorClient ClientFor(TestAccount account) =>
        new(_http, new EvMonitorClientOptions { BaseAddress = _service.Client.BaseAddress, Username = account.Email, Password = account.Password });

    /// <summary>A whole minute an hour ago: well inside what a push accepts.</summary>
    private static readonly DateTimeOffset Base = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 - 3600);

    private const int Driving = 60;
    private const int Charging = 30;

    /// <summary>A 10-minute drive, one snapshot every 10 s and 100 m, then a 5-minute DC charge.</summary>
    private static List<TelemetrySnapshot> DriveThenCharge() =>
    [
        .. Enumerable.Range(0, Driving).Select(i => new TelemetrySnapshot
        {
            Timestamp = Base.AddSeconds(10 * i),
            General = new() { Speed = 36, State = VehicleState.On, Odometer = 1000 + i / 10.0 },
            Gps = new(44.6471 + i / 1000.0, 10.9252, 5),
        }),
        .. Enumerable.Range(0, Charging).Select(i => new TelemetrySnapshot
        {
            Timestamp = Base.AddSeconds(10 * (Driving + i)),
            General = new() { State = VehicleState.ChargingDc },
            Batteries = { [0] = new() { Soc = 50 + i, V = 400, ICharge = 100 } },
        }),
    ];

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        T value;
        do
        {
            await Task.Delay(200);
            value = await read();
        }
        while (!done(value) && DateTime.UtcNow < deadline);
        return value;
    }

    [Fact]
    public async Task ADriveAndAChargeComeBackAsATripASessionStatisticsExportsAndHealth()
    {
        var account = await _service.CreateAccountAsync();
        var client = ClientFor(account);
        var vehicleId = account.VehicleId;
        var sent = DriveThenCharge();
        await client.PushAsync(vehicleId, sent, "Client tests");
        var (from, to) = (Base.AddHours(-1), Base.AddHours(1));

        var trips = await PollAsync(() => client.ReadTripsAsync(vehicleId, from, to, pageSize: 1).ToListAsync().AsTask(), t => t.Count > 0);
        var charges = await PollAsync(() => client.ReadChargesAsync(vehicleId, from, to).ToListAsync().AsTask(), c => c.Count > 0);
        var zoned = await client.UpdateVehicleAsync(vehicleId, nickname: null, timeZone: "Europe/Rome");
        var stats = await client.GetStatsAsync(vehicleId, from, to, StatsPeriod.Day);
        var health = await PollAsync(() => client.GetVehicleHealthAsync(vehicleId), h => h.Stored24h >= sent.Count);

        var trip = Assert.Single(trips);
        Assert.Equal((Base, Base.AddSeconds(10 * (Driving - 1)), Driving), (trip.Start, trip.End, trip.Snapshots));
        Assert.Equal((Driving - 1) / 10.0, trip.DistanceKm!.Value, 3);
        Assert.Equal(new JourneyPosition(44.6471, 10.9252), trip.StartPosition);
        Assert.Null(trip.EnergyKwh);
        var charge = Assert.Single(charges);
        Assert.Equal(("dc", Charging, 50.0, 50.0 + Charging - 1), (charge.Kind, charge.Snapshots, charge.SocStart, charge.SocEnd));
        Assert.Equal(("The Rocket", "Europe/Rome"), (zoned.Nickname, zoned.TimeZone));
        Assert.Equal("Europe/Rome", stats.TimeZone);
        Assert.Equal((1, 1), (stats.Periods.Sum(p => p.Trips), stats.Periods.Sum(p => p.Charges)));
        Assert.Equal(sent[^1].Timestamp, health.LastMeasured);
        Assert.Equal(0, health.Rejected24h.Total);
    }

    [Fact]
    public async Task ExportsAreReadAsTheyArriveAndHoldEverySnapshotOrFix()
    {
        var account = await _service.CreateAccountAsync();
        var client = ClientFor(account);
        var sent = DriveThenCharge();
        await client.PushAsync(account.VehicleId, sent);
        var (from, to) = (Base.AddHours(-1), Base.AddHours(1));
        await PollAsync(() => client.ReadTripsAsync(account.VehicleId, from, to).ToListAsync().AsTask(), t => t.Count > 0);
        await PollAsync(() => client.ReadHistoryAsync(account.VehicleId, from, to).ToListAsync().AsTask(), h => h.Count == sent.Count);

        string csv;
        string? csvName;
        await using (var file = await client.ExportAsync(account.VehicleId, from, to, ExportFormat.Csv))
        {
            csv = await new StreamReader(file.Content).ReadToEndAsync();
            csvName = file.FileName;
        }
        using var gpx = new MemoryStream();
        var gpxName = await client.ExportToAsync(account.VehicleId, from, to, ExportFormat.Gpx, gpx);

        // docs/api-extensions.md (export): a header, a "snapshot" line per snapshot, a line per battery.
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var part = Array.IndexOf(lines[0].Split(','), "part");
        Assert.Equal(sent.Count, lines.Count(l => l.Split(',')[part] == "snapshot"));
        Assert.Equal(Charging, lines.Count(l => l.Split(',')[part] == "batt"));
        Assert.EndsWith(".csv", csvName);
        var gpxText = System.Text.Encoding.UTF8.GetString(gpx.ToArray());
        Assert.Equal(Driving, gpxText.Split("<trkpt").Length - 1);
        Assert.EndsWith(".gpx", gpxName);
    }

    [Fact]
    public async Task AfterLogoutTheOldTokenIsRefusedAndTheClientLogsInAgain()
    {
        var account = await _service.CreateAccountAsync();
        var client = ClientFor(account);
        var token = await client.LoginAsync();

        await client.LogoutAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_service.Client.BaseAddress!, "get_vehicles")) { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var oldToken = await _http.SendAsync(request);
        var vehicles = await client.GetVehiclesAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(ErrorCodes.TokenInvalid, (string?)JsonNode.Parse(await oldToken.Content.ReadAsStringAsync())!["code"]);
        Assert.Equal(account.VehicleId, Assert.Single(vehicles).Id);
    }

    [Fact]
    public async Task HealthAndTheOpenApiDocumentNeedNoLogin()
    {
        var client = new EvMonitorClient(_http, new EvMonitorClientOptions { BaseAddress = _service.Client.BaseAddress });

        var health = await client.GetHealthAsync();
        var document = await client.GetOpenApiDocumentAsync();

        Assert.True(health.IsHealthy);
        Assert.Equal(0, health.PoisonQueueDepth);
        Assert.False(string.IsNullOrEmpty(health.Version));
        // The served document is the one checked in (docs/openapi.json).
        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "openapi.json")));
        Assert.True(JsonNode.DeepEquals(checkedIn, JsonNode.Parse(document)));
    }
}
