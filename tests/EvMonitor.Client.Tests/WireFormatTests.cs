using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EvMonitor.Client.Tests.Support;

namespace EvMonitor.Client.Tests;

/// <summary>Requests go out as docs/api.md spells them, and answers and errors come back typed.</summary>
public sealed class WireFormatTests
{
    private readonly WatchedTime _time = new();

    private FakeApi Service(Func<RecordedRequest, HttpResponseMessage> other) =>
        new(request => request.Endpoint == "login" ? FakeApi.Login("token", _time.GetUtcNow()) : other(request));

    [Fact]
    public async Task APushIsTheJsonOfTheDocumentedExampleWithTheTokenAsABearerHeader()
    {
        var api = Service(_ => FakeApi.Ok(new JsonObject { ["accepted"] = 2 }));
        var client = Clients.Create(api, _time);

        var accepted = await client.PushAsync("abcdefg1234",
        [
            new TelemetrySnapshot
            {
                Timestamp = DateTimeOffset.FromUnixTimeSeconds(1732550400),
                General = new() { Speed = 87, State = VehicleState.On },
                Motors = { [0] = new() { Rpm = 5200 }, [1] = new() { Rpm = 5180 } },
                Gps = new(44.6471, 10.9252, 5),
            },
            new TelemetrySnapshot
            {
                Timestamp = DateTimeOffset.FromUnixTimeSeconds(1732550405),
                General = new() { Speed = 90.5 },
                Batteries = { [3] = new() { Soc = 80, ICharge = -3.2 } },
            },
            new TelemetrySnapshot { Timestamp = DateTimeOffset.FromUnixTimeSeconds(1732550410) },
        ], "My cool app");

        var push = Assert.Single(api.To("push"));
        Assert.Equal(2, accepted);
        Assert.Equal("token", push.BearerToken);
        Assert.Equal("application/json; charset=utf-8", push.ContentType);
        // The example of docs/api.md (push, "The same in JSON"), with motors keyed by index.
        Assert.Equal(
            """{"vehicle_id":"abcdefg1234","user-agent":"My cool app","data":[""" +
            """{"timestamp":1732550400,"general":{"speed":87,"state":1,"motor":{"0":{"rpm":5200},"1":{"rpm":5180}},"gps":{"lat":44.6471,"lng":10.9252,"acc":5}}},""" +
            """{"timestamp":1732550405,"general":{"speed":90.5,"batt":{"3":{"soc":80,"i_charge":-3.2}}}},""" +
            """{"timestamp":1732550410}]}""",
            push.Body);
    }

    [Fact]
    public async Task AStoredSnapshotIsReadIntoTheTypedModel()
    {
        // The snapshot example of docs/api-extensions.md ("Reading telemetry back").
        const string Snapshot = """
            {"timestamp":1732550400,"measured_at":"2024-11-25T16:00:00Z","received_at":"2024-11-25T16:00:03.2501234Z","user_agent":"My cool app",
             "general":{"speed":87,"range":150,"state":1,"state_name":"on","odometer":12345,"watt_100km":9800},
             "motor":[{"index":0,"rpm":5200,"watt":41000},{"index":1,"rpm":5180}],
             "batt":[{"index":0,"soc":80,"v":400,"temp":31}],
             "gps":{"lat":44.6471,"lng":10.9252,"acc":5,"alt":35.5}}
            """;
        var api = Service(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"SUCCESS":"OK","vehicle_id":"v1","snapshot":{{Snapshot}}}""", Encoding.UTF8, "application/json"),
        });
        var client = Clients.Create(api, _time);

        var stored = await client.GetLatestAsync("v1");

        Assert.NotNull(stored);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1732550400), stored.Timestamp);
        Assert.Equal(DateTimeOffset.Parse("2024-11-25T16:00:03.2501234Z"), stored.ReceivedAt);
        Assert.Equal("My cool app", stored.UserAgent);
        Assert.Equal(new GeneralReadings { Speed = 87, Range = 150, State = 1, Odometer = 12345, Watt100Km = 9800 }, stored.General);
        Assert.Equal("on", stored.StateName);
        Assert.Equal([0, 1], stored.Motors.Keys);
        Assert.Equal(new MotorReadings { Rpm = 5200, Watt = 41000 }, stored.Motors[0]);
        Assert.Equal(new MotorReadings { Rpm = 5180 }, stored.Motors[1]);
        Assert.Equal(new BatteryReadings { Soc = 80, V = 400, Temp = 31 }, Assert.Single(stored.Batteries).Value);
        Assert.Equal(new GpsPosition(44.6471, 10.9252, 5) { Alt = 35.5 }, stored.Gps);
        Assert.Equal("""{"vehicle_id":"v1"}""", api.To("get_latest")[0].Body);
    }

    [Fact]
    public async Task AValidationErrorCarriesItsStatusCodeSentenceAndEveryField()
    {
        var api = Service(_ => FakeApi.Error(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed, "The request has 2 invalid fields; see errors.",
            errors: [new JsonObject { ["field"] = "make", ["error"] = "is required" }, new JsonObject { ["field"] = "nickname", ["error"] = "is too long" }]));
        var client = Clients.Create(api, _time);

        var error = await Assert.ThrowsAsync<EvMonitorApiException>(() => client.AddVehicleAsync("", "energica-ss9", new string('x', 101)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("The request has 2 invalid fields; see errors.", error.Message);
        Assert.Equal([new FieldError("make", "is required"), new FieldError("nickname", "is too long")], error.FieldErrors);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task AnAnswerThatIsNotTheServicesIsAnUnexpectedAnswerWithItsStatus()
    {
        var api = Service(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>Bad gateway</html>", Encoding.UTF8, "text/html") });
        var client = Clients.Create(api, _time);

        var error = await Assert.ThrowsAsync<EvMonitorApiException>(() => client.GetVehiclesAsync());

        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Equal(ErrorCodes.UnexpectedAnswer, error.Code);
        Assert.Contains("502", error.Message);
    }

    [Fact]
    public async Task EveryEndpointIsPostedUnderTheBaseAddressWithItsDocumentedFields()
    {
        var vehicle = new JsonObject { ["id"] = "v1", ["user_id"] = "u1", ["make"] = "energica", ["model"] = "energica-ss9", ["nickname"] = "Bolt", ["plan"] = "0" };
        var api = Service(request => FakeApi.Ok(request.Endpoint switch
        {
            "register" => new JsonObject { ["user_id"] = "u1" },
            "get_vehicles" => new JsonObject { ["vehicles"] = new JsonArray(vehicle.DeepClone()) },
            "get_make" or "get_model" => new JsonObject { ["name"] = "Energica" },
            "get_makes" => new JsonObject { ["makes"] = new JsonArray() },
            "get_models" => new JsonObject { ["models"] = new JsonArray(new JsonObject { ["id"] = "energica-ss9", ["make"] = "energica", ["name"] = "SS9" }) },
            "add_vehicle" or "update_vehicle" => new JsonObject { ["vehicle"] = vehicle.DeepClone() },
            "delete_vehicle" => new JsonObject { ["vehicle_id"] = "v1" },
            "get_history" => new JsonObject { ["vehicle_id"] = "v1", ["snapshots"] = new JsonArray(), ["next_cursor"] = null },
            _ => throw new InvalidOperationException(request.Endpoint),
        }));
        var client = Clients.Create(api, _time);

        Assert.Equal("u1", await client.RegisterAsync("ann@example.com", "long enough", "Ann"));
        Assert.Equal(new Vehicle("v1", "u1", "energica", "energica-ss9", "Bolt", "0"), Assert.Single(await client.GetVehiclesAsync()));
        Assert.Equal("Energica", await client.GetMakeAsync("energica"));
        await client.GetModelAsync("energica-ss9");
        await client.GetMakesAsync();
        Assert.Equal([new VehicleModel("energica-ss9", "energica", "SS9")], await client.GetModelsAsync("energica"));
        await client.GetModelsAsync();
        await client.AddVehicleAsync("energica", "energica-ss9", "Bolt");
        await client.UpdateVehicleAsync("v1", "Lightning");
        await client.DeleteVehicleAsync("v1");
        var page = await client.GetHistoryPageAsync("v1", DateTimeOffset.FromUnixTimeSeconds(1732550400), DateTimeOffset.FromUnixTimeSeconds(1732554000), 50, "abc");

        Assert.Empty(page.Snapshots);
        Assert.Null(page.NextCursor);
        Assert.Equal(
        [
            ("register", """{"username":"ann@example.com","password":"long enough","name":"Ann"}""", null),
            ("login", """{"username":"rider@example.com","password":"a long password"}""", null),
            ("get_vehicles", "{}", "token"),
            ("get_make", """{"make":"energica"}""", "token"),
            ("get_model", """{"model":"energica-ss9"}""", "token"),
            ("get_makes", "{}", "token"),
            ("get_models", """{"make":"energica"}""", "token"),
            ("get_models", "{}", "token"),
            ("add_vehicle", """{"make":"energica","model":"energica-ss9","nickname":"Bolt"}""", "token"),
            ("update_vehicle", """{"vehicle_id":"v1","nickname":"Lightning"}""", "token"),
            ("delete_vehicle", """{"vehicle_id":"v1"}""", "token"),
            ("get_history", """{"vehicle_id":"v1","from":1732550400,"to":1732554000,"limit":50,"cursor":"abc"}""", "token"),
        ],
        api.Requests.Select(r => (r.Endpoint, r.Body, r.BearerToken)));
    }

    [Fact]
    public async Task ReadingHistoryFollowsTheCursorUntilItIsNull()
    {
        static JsonObject Snapshot(long t) => new() { ["timestamp"] = t, ["general"] = new JsonObject() };
        var api = Service(request => FakeApi.Ok((string?)request.Json["cursor"] switch
        {
            null => new JsonObject { ["snapshots"] = new JsonArray(Snapshot(1), Snapshot(2)), ["next_cursor"] = "c2" },
            "c2" => new JsonObject { ["snapshots"] = new JsonArray(Snapshot(3)), ["next_cursor"] = null },
            var other => throw new InvalidOperationException(other),
        }));
        var client = Clients.Create(api, _time);

        var all = await client.ReadHistoryAsync("v1", DateTimeOffset.FromUnixTimeSeconds(0), DateTimeOffset.FromUnixTimeSeconds(10), pageSize: 2).ToListAsync();

        Assert.Equal([1L, 2L, 3L], all.Select(s => s.Timestamp.ToUnixTimeSeconds()));
        Assert.Equal(2, api.To("get_history").Count);
    }
}
