using EvMonitor.Journeys;
using System.Text.Json.Nodes;
using EvMonitor.Accounts;
using EvMonitor.Auth;
using EvMonitor.Catalog;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.Functions.Functions;
using EvMonitor.Functions.Tests.Support;
using EvMonitor.History;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Throttling;
using EvMonitor.Vehicles;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EvMonitor.Functions.Tests.Functions;

/// <summary>The account, vehicle, catalog-list and history functions each run their own endpoint.</summary>
public sealed class AccountAndHistoryFunctionsTests
{
    private static readonly Vehicle Rocket = new(SeedPush.VehicleId, Session.UserId, "energica", "energica-ss9", "The Rocket", "0");

    private readonly HttpApi _api = Http.Api();
    private readonly Session _session = new();
    private readonly Mock<IVehicleStore> _vehicles = new();
    private readonly Mock<ICatalogStore> _catalog = new();
    private readonly Mock<ITelemetryHistory> _history = new();

    public AccountAndHistoryFunctionsTests()
    {
        _vehicles.Setup(v => v.FindOwnerAsync(SeedPush.VehicleId, It.IsAny<CancellationToken>())).ReturnsAsync(Session.UserId);
        _catalog.Setup(c => c.FindMakeAsync("energica", It.IsAny<CancellationToken>())).ReturnsAsync(new Make("energica", "Energica"));
        _catalog.Setup(c => c.FindModelAsync("energica-ss9", It.IsAny<CancellationToken>())).ReturnsAsync(new Model("energica-ss9", "energica", "SS9"));
    }

    private AccountService Accounts(IUserStore? users = null) =>
        new(users ?? Mock.Of<IUserStore>(), _vehicles.Object, _catalog.Object, new PasswordHasher(iterations: 1), _session.Clock);

    private VehicleAccess Access => new(_vehicles.Object);

    [Fact]
    public async Task RegisterFunctionRunsTheRegisterEndpoint()
    {
        var users = new Mock<IUserStore>();
        users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var function = new RegisterFunction(_api, new RegisterEndpoint(Accounts(users.Object), new AttemptCounter(new InMemoryLoginThrottleStore(), _session.Clock, NullLogger<AttemptCounter>.Instance), new RegisterThrottleOptions()));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(("username", "ann@example.com"), ("password", "long-enough"))));

        Assert.Equal(200, answer.Status);
        Assert.Equal(["SUCCESS", "user_id"], answer.Body.Select(p => p.Key));
    }

    [Fact]
    public async Task AddVehicleFunctionRunsTheAddVehicleEndpoint()
    {
        var function = new AddVehicleFunction(_api, new AddVehicleEndpoint(Accounts(), _session.Authenticator));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(
            ("token", _session.Token), ("make", "energica"), ("model", "energica-ss9"), ("nickname", "The Rocket"))));

        Assert.Equal(200, answer.Status);
        Assert.Equal("The Rocket", (string?)answer.Body["vehicle"]!["nickname"]);
        _vehicles.Verify(v => v.AddAsync(It.IsAny<Vehicle>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task UpdateVehicleFunctionRunsTheUpdateVehicleEndpoint()
    {
        _vehicles.Setup(v => v.UpdateAsync(Session.UserId, SeedPush.VehicleId, It.IsAny<string?>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string _, string? nickname, string? _, CancellationToken _) => Rocket with { Nickname = nickname! });
        var function = new UpdateVehicleFunction(_api, new UpdateVehicleEndpoint(_vehicles.Object, Access, _session.Authenticator));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(("token", _session.Token), ("vehicle_id", SeedPush.VehicleId), ("nickname", "Lightning"))));

        Assert.Equal("Lightning", (string?)answer.Body["vehicle"]!["nickname"]);
    }

    [Fact]
    public async Task DeleteVehicleFunctionRunsTheDeleteVehicleEndpoint()
    {
        var function = new DeleteVehicleFunction(_api, new DeleteVehicleEndpoint(_vehicles.Object, _history.Object, Access, _session.Authenticator));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(("token", _session.Token), ("vehicle_id", SeedPush.VehicleId))));

        Assert.Equal($$"""{"SUCCESS":"OK","vehicle_id":"{{SeedPush.VehicleId}}"}""", answer.Body.ToJsonString());
        _history.Verify(h => h.DeleteAllAsync(SeedPush.VehicleId, It.IsAny<CancellationToken>()), Times.Once);
        _vehicles.Verify(v => v.DeleteAsync(Session.UserId, SeedPush.VehicleId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetMakesFunctionRunsTheGetMakesEndpoint()
    {
        _catalog.Setup(c => c.ListMakesAsync(It.IsAny<CancellationToken>())).ReturnsAsync([new Make("energica", "Energica")]);
        var function = new GetMakesFunction(_api, new GetMakesEndpoint(_catalog.Object, _session.Authenticator));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(("token", _session.Token))));

        Assert.Equal("""{"SUCCESS":"OK","makes":[{"id":"energica","name":"Energica"}]}""", answer.Body.ToJsonString());
    }

    [Fact]
    public async Task GetModelsFunctionRunsTheGetModelsEndpoint()
    {
        _catalog.Setup(c => c.ListModelsAsync("energica", It.IsAny<CancellationToken>())).ReturnsAsync([new Model("energica-ss9", "energica", "SS9")]);
        var function = new GetModelsFunction(_api, new GetModelsEndpoint(_catalog.Object, _session.Authenticator));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(("token", _session.Token), ("make", "energica"))));

        Assert.Equal("""{"SUCCESS":"OK","models":[{"id":"energica-ss9","make":"energica","name":"SS9"}]}""", answer.Body.ToJsonString());
    }

    [Fact]
    public async Task GetLatestFunctionRunsTheGetLatestEndpoint()
    {
        _history.Setup(h => h.ReadLatestAsync(SeedPush.VehicleId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new JsonObject { ["timestamp"] = SeedPush.FirstTimestamp });
        var function = new GetLatestFunction(_api, new GetLatestEndpoint(_history.Object, Access, _session.Authenticator));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(("token", _session.Token), ("vehicle_id", SeedPush.VehicleId))));

        Assert.Equal(SeedPush.FirstTimestamp, (long?)answer.Body["snapshot"]!["timestamp"]);
    }

    [Fact]
    public async Task GetHistoryFunctionRunsTheGetHistoryEndpoint()
    {
        _history.Setup(h => h.ReadAsync(SeedPush.VehicleId, SeedPush.FirstTimestamp, SeedPush.FirstTimestamp + 60, HistoryQuery.DefaultLimit, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SnapshotPage([new JsonObject { ["timestamp"] = SeedPush.FirstTimestamp }], null));
        var function = new GetHistoryFunction(_api, new GetHistoryEndpoint(_history.Object, Access, _session.Authenticator));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(
            ("token", _session.Token), ("vehicle_id", SeedPush.VehicleId), ("from", $"{SeedPush.FirstTimestamp}"), ("to", $"{SeedPush.FirstTimestamp + 60}"))));

        Assert.Equal(200, answer.Status);
        Assert.Single(answer.Body["snapshots"]!.AsArray());
        Assert.Null(answer.Body["next_cursor"]);
    }
}
