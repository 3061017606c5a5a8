using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EvMonitor.Client.Tests.Support;

namespace EvMonitor.Client.Tests;

/// <summary>
/// The endpoints added after the first release (logout, trips, charges, stats, export, vehicle
/// health, time zone, health, openapi.json): requests as docs/api.md and docs/api-extensions.md
/// spell them, answers read into the typed records.
/// </summary>
public sealed class NewEndpointsWireTests
{
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeSeconds(1764460800);
    private static readonly DateTimeOffset To = DateTimeOffset.FromUnixTimeSeconds(1764547200);
    private readonly WatchedTime _time = new();

    private FakeApi Service(Func<RecordedRequest, HttpResponseMessage> other) =>
        new(request => request.Endpoint == "login" ? FakeApi.Login("token", _time.GetUtcNow()) : other(request));

    private static HttpResponseMessage OkJson(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public async Task ATripsPageSendsTheRangeLimitAndCursorAndReadsTheDocumentedTrip()
    {
        // The get_trips example of docs/api-extensions.md, with the end position filled in and one figure null.
        var api = Service(_ => OkJson("""
            {"SUCCESS":"OK","vehicle_id":"v1","trips":[{"start":1764489600,"end":1764490320,"distance_km":11,"duration_s":720,
             "moving_s":null,"avg_speed_kmh":57.4,"max_speed_kmh":98,"soc_start":88,"soc_end":84,"energy_kwh":1.412,
             "wh_per_km":128.4,"start_position":{"lat":44.6471,"lng":10.9252},"end_position":{"lat":44.7,"lng":10.9},"snapshots":145}],"next_cursor":"c2"}
            """));
        var client = Clients.Create(api, _time);

        var page = await client.GetTripsPageAsync("v1", From, To, limit: 50, cursor: "c1");

        var request = Assert.Single(api.To("get_trips"));
        Assert.Equal("""{"vehicle_id":"v1","from":1764460800,"to":1764547200,"limit":50,"cursor":"c1"}""", request.Body);
        Assert.Equal("token", request.BearerToken);
        Assert.Equal("c2", page.NextCursor);
        Assert.Equal(
            new Trip(DateTimeOffset.FromUnixTimeSeconds(1764489600), DateTimeOffset.FromUnixTimeSeconds(1764490320), 11, 720, null, 57.4, 98, 88, 84, 1.412, 128.4,
                new JourneyPosition(44.6471, 10.9252), new JourneyPosition(44.7, 10.9), 145),
            Assert.Single(page.Items));
    }

    [Fact]
    public async Task ReadingChargesFollowsTheCursorUntilItIsNull()
    {
        var api = Service(request => OkJson(request.Json["cursor"] is null
            ? """{"SUCCESS":"OK","vehicle_id":"v1","charges":[{"start":100,"end":200,"kind":"dc","soc_start":41,"soc_end":86,"energy_kwh":9.71,"max_power_kw":50.1,"avg_power_kw":36.4,"duration_s":100,"position":null,"snapshots":33}],"next_cursor":"next"}"""
            : """{"SUCCESS":"OK","vehicle_id":"v1","charges":[{"start":300,"end":400,"kind":"ac","soc_start":null,"soc_end":null,"energy_kwh":null,"max_power_kw":null,"avg_power_kw":null,"duration_s":100,"position":{"lat":1,"lng":2},"snapshots":2}],"next_cursor":null}"""));
        var client = Clients.Create(api, _time);

        var charges = await client.ReadChargesAsync("v1", From, To, pageSize: 1).ToListAsync();

        Assert.Equal(["dc", "ac"], charges.Select(c => c.Kind));
        Assert.Equal([null, "next"], api.To("get_charges").Select(r => (string?)r.Json["cursor"]));
        Assert.All(api.To("get_charges"), r => Assert.Equal(1, (int)r.Json["limit"]!));
        Assert.Equal(9.71, charges[0].EnergyKwh);
        Assert.Null(charges[1].EnergyKwh);
        Assert.Equal(new JourneyPosition(1, 2), charges[1].Position);
    }

    [Fact]
    public async Task StatsAskForThePeriodByNameAndReadEveryPeriod()
    {
        var api = Service(_ => OkJson("""
            {"SUCCESS":"OK","vehicle_id":"v1","period":"month","time_zone":"Europe/Rome","periods":[
             {"start":1761948000,"distance_km":0,"driving_s":0,"energy_kwh":0,"wh_per_km":null,"charged_ac_kwh":0,"charged_dc_kwh":0,"trips":0,"charges":0},
             {"start":1764543600,"distance_km":12.5,"driving_s":900,"energy_kwh":1.6,"wh_per_km":128,"charged_ac_kwh":3.2,"charged_dc_kwh":0,"trips":2,"charges":1}]}
            """));
        var client = Clients.Create(api, _time);

        var stats = await client.GetStatsAsync("v1", From, To, StatsPeriod.Month);

        Assert.Equal("""{"vehicle_id":"v1","from":1764460800,"to":1764547200,"period":"month"}""", Assert.Single(api.To("get_stats")).Body);
        Assert.Equal(StatsPeriod.Month, stats.Period);
        Assert.Equal("Europe/Rome", stats.TimeZone);
        Assert.Equal(
            [
                new PeriodStats(DateTimeOffset.FromUnixTimeSeconds(1761948000), 0, 0, 0, null, 0, 0, 0, 0),
                new PeriodStats(DateTimeOffset.FromUnixTimeSeconds(1764543600), 12.5, 900, 1.6, 128, 3.2, 0, 2, 1),
            ],
            stats.Periods);
    }

    [Fact]
    public async Task VehicleHealthReadsTheDocumentedExample()
    {
        // The get_vehicle_health example of docs/api-extensions.md.
        var api = Service(_ => OkJson("""
            {"SUCCESS":"OK","vehicle_id":"v1","last_measured":1764489600,"last_received":1764489603,"lag_snapshots":1000,
             "lag_p50_s":2.41,"lag_p95_s":31.7,"stored_24h":8640,"repushed_24h":12,
             "rejected_24h":{"total":3,"by_code":{"VALIDATION_FAILED":3},"last_at":1764486000,"last_code":"VALIDATION_FAILED"}}
            """));
        var client = Clients.Create(api, _time);

        var health = await client.GetVehicleHealthAsync("v1");

        Assert.Equal("""{"vehicle_id":"v1"}""", Assert.Single(api.To("get_vehicle_health")).Body);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764489600), health.LastMeasured);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764489603), health.LastReceived);
        Assert.Equal((1000, 2.41, 31.7, 8640L, 12L), (health.LagSnapshots, health.LagP50Seconds, health.LagP95Seconds, health.Stored24h, health.Repushed24h));
        Assert.Equal(3, health.Rejected24h.Total);
        Assert.Equal(3, health.Rejected24h.ByCode["VALIDATION_FAILED"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764486000), health.Rejected24h.LastAt);
    }

    [Fact]
    public async Task AVehicleWithoutDataHasNullTimesAndLags()
    {
        var api = Service(_ => OkJson("""
            {"SUCCESS":"OK","vehicle_id":"v1","last_measured":null,"last_received":null,"lag_snapshots":0,"lag_p50_s":null,"lag_p95_s":null,
             "stored_24h":0,"repushed_24h":0,"rejected_24h":{"total":0,"by_code":{},"last_at":null,"last_code":null}}
            """));

        var health = await Clients.Create(api, _time).GetVehicleHealthAsync("v1");

        Assert.Null(health.LastMeasured);
        Assert.Null(health.LagP50Seconds);
        Assert.Null(health.Rejected24h.LastAt);
        Assert.Empty(health.Rejected24h.ByCode);
    }

    [Fact]
    public async Task SettingOnlyTheTimeZoneSendsNoNickname()
    {
        var api = Service(_ => FakeApi.Ok(new JsonObject
        {
            ["vehicle"] = new JsonObject { ["id"] = "v1", ["user_id"] = "u1", ["make"] = "energica", ["model"] = "energica-ego", ["nickname"] = "Bolt", ["plan"] = "0", ["time_zone"] = "Europe/Rome" },
        }));

        var vehicle = await Clients.Create(api, _time).UpdateVehicleAsync("v1", nickname: null, timeZone: "Europe/Rome");

        Assert.Equal("""{"vehicle_id":"v1","time_zone":"Europe/Rome"}""", Assert.Single(api.To("update_vehicle")).Body);
        Assert.Equal("Europe/Rome", vehicle.TimeZone);
    }

    [Fact]
    public async Task LogoutRevokesTheCurrentTokenAndTheNextCallLogsInAgain()
    {
        var logins = 0;
        var api = new FakeApi(request => request.Endpoint switch
        {
            "login" => FakeApi.Login($"token{++logins}", _time.GetUtcNow()),
            "logout" => FakeApi.Ok([]),
            _ => FakeApi.Ok(new JsonObject { ["vehicles"] = new JsonArray() }),
        });
        var client = Clients.Create(api, _time);

        await client.GetVehiclesAsync();
        await client.LogoutAsync();
        await client.GetVehiclesAsync();

        Assert.Equal(["login", "get_vehicles", "logout", "login", "get_vehicles"], api.Requests.Select(r => r.Endpoint));
        Assert.Equal("token1", Assert.Single(api.To("logout")).BearerToken);
        Assert.Equal("token2", api.To("get_vehicles")[1].BearerToken);
    }

    [Fact]
    public async Task LogoutBeforeAnyLoginSendsNothing()
    {
        var api = Service(_ => FakeApi.Ok([]));

        await Clients.Create(api, _time).LogoutAsync();

        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task HealthIsAnAnonymousGetAndAStorageOutageIsReturnedNotThrown()
    {
        // The "storage down" example of docs/api-extensions.md (Service health), answered with 503.
        var api = new FakeApi(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            {
                Content = new StringContent("""
                    {"SUCCESS":"ERROR","error":"Storage is unavailable right now.","code":"STORAGE_UNAVAILABLE","version":"1.0.0+6d95150","checked_at":1732550400,
                     "tables":"unreachable","queues":"unreachable","telemetry_queue_depth":null,"poison_queue_depth":null}
                    """, Encoding.UTF8, "application/json"),
            };
            response.Headers.RetryAfter = new(TimeSpan.FromSeconds(5));
            return response;
        });

        var health = await Clients.Create(api, _time).GetHealthAsync();

        var request = Assert.Single(api.Requests);
        Assert.Equal(("health", "GET", (string?)null), (request.Endpoint, request.Method, request.BearerToken));
        Assert.False(health.IsHealthy);
        Assert.Equal(("1.0.0+6d95150", "unreachable", (long?)null), (health.Version, health.Tables, health.TelemetryQueueDepth));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1732550400), health.CheckedAt);
    }

    [Fact]
    public async Task TheOpenApiDocumentIsFetchedWithoutALogin()
    {
        var api = new FakeApi(_ => OkJson("""{"openapi":"3.1.0"}"""));

        var document = await Clients.Create(api, _time).GetOpenApiDocumentAsync();

        Assert.Equal("""{"openapi":"3.1.0"}""", document);
        Assert.Equal(("openapi.json", "GET", (string?)null), (api.Requests[0].Endpoint, api.Requests[0].Method, api.Requests[0].BearerToken));
    }

    [Fact]
    public async Task AnExportIsHandedOverWhileTheServiceIsStillWritingIt()
    {
        var body = new GatedStream("timestamp,measured_at\r\n"u8.ToArray(), "1764489600,2025-11-30T08:00:00Z\r\n"u8.ToArray());
        var api = Service(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
            response.Content.Headers.ContentType = new("text/csv") { CharSet = "utf-8" };
            response.Content.Headers.ContentDisposition = new("attachment") { FileName = "ev-monitor-v1-20251130T000000Z-20251201T000000Z.csv" };
            return response;
        });
        var client = Clients.Create(api, _time);

        await using var file = await client.ExportAsync("v1", From, To, ExportFormat.Gpx);
        // The second part is held back until the first was read: a client that buffered the whole
        // answer could not have returned.
        var reader = new StreamReader(file.Content);
        var header = await reader.ReadLineAsync();
        body.Release();
        var rest = await reader.ReadToEndAsync();

        Assert.Equal("""{"vehicle_id":"v1","from":1764460800,"to":1764547200,"format":"gpx"}""", Assert.Single(api.To("export")).Body);
        Assert.Equal("timestamp,measured_at", header);
        Assert.Equal("1764489600,2025-11-30T08:00:00Z\r\n", rest);
        Assert.Equal("ev-monitor-v1-20251130T000000Z-20251201T000000Z.csv", file.FileName);
        Assert.Equal("text/csv; charset=utf-8", file.ContentType);
    }

    [Fact]
    public async Task AnExportRefusedBeforeTheFileStartsThrowsTheServicesError()
    {
        var api = Service(_ => FakeApi.Error(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "to must be at most 31 days after from.",
            errors: [new JsonObject { ["field"] = "to", ["error"] = "must be at most 31 days after from" }]));

        var error = await Assert.ThrowsAsync<EvMonitorApiException>(() => Clients.Create(api, _time).ExportAsync("v1", From, From.AddDays(40), ExportFormat.Csv));

        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_FAILED"), (error.Status, error.Code));
        Assert.Equal("to", Assert.Single(error.FieldErrors).Field);
    }

    /// <summary>Gives its first part at once and its second only after <see cref="Release"/>.</summary>
    private sealed class GatedStream(byte[] first, byte[] second) : Stream
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _part;

        public void Release() => _released.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            switch (_part++)
            {
                case 0:
                    first.CopyTo(buffer);
                    return first.Length;
                case 1:
                    await _released.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                    second.CopyTo(buffer);
                    return second.Length;
                default:
                    return 0;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
