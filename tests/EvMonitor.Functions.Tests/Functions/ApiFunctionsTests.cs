using EvMonitor.VehicleHealth;
using EvMonitor.Auth;
using EvMonitor.Catalog;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.Functions.Functions;
using EvMonitor.Functions.Tests.Support;
using EvMonitor.Login;
using EvMonitor.Push;
using EvMonitor.Storage;
using EvMonitor.Vehicles;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EvMonitor.Functions.Tests.Functions;

/// <summary>Each HTTP function hands its request to its own endpoint and writes that endpoint's answer.</summary>
public sealed class ApiFunctionsTests
{
    private readonly HttpApi _api = Http.Api();
    private readonly Session _session = new();

    [Fact]
    public async Task LoginFunctionRunsTheLoginEndpoint()
    {
        var hasher = new PasswordHasher(iterations: 1000);
        var users = new Mock<IUserStore>();
        users.Setup(u => u.FindByEmailAsync("ann@example.com", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new User(Session.UserId, "ann@example.com", hasher.Hash("secret-password"), null, SeedPush.Now));
        var function = new LoginFunction(_api, new LoginEndpoint(users.Object, hasher, _session.Authenticator, _session.Throttle));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(("username", "ann@example.com"), ("password", "secret-password"))));

        Assert.Equal(200, answer.Status);
        Assert.Equal(["SUCCESS", "token", "expires"], answer.Body.Select(p => p.Key));
    }

    [Fact]
    public async Task GetVehiclesFunctionRunsTheGetVehiclesEndpoint()
    {
        var vehicles = new Mock<IVehicleStore>();
        vehicles.Setup(v => v.ListAsync(Session.UserId, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new Vehicle(SeedPush.VehicleId, Session.UserId, "energica", "energica-ss9", "The Rocket", "0")]);
        var function = new GetVehiclesFunction(_api, new GetVehiclesEndpoint(vehicles.Object, _session.Authenticator));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(("token", _session.Token))));

        Assert.Equal(200, answer.Status);
        Assert.Equal("The Rocket", (string?)answer.Body["vehicles"]![0]!["nickname"]);
    }

    [Fact]
    public async Task GetMakeFunctionRunsTheGetMakeEndpoint()
    {
        var catalog = new Mock<ICatalogStore>();
        catalog.Setup(c => c.FindMakeAsync("energica", It.IsAny<CancellationToken>())).ReturnsAsync(new Make("energica", "Energica"));
        var function = new GetMakeFunction(_api, new GetMakeEndpoint(catalog.Object, _session.Authenticator));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(("token", _session.Token), ("make", "energica"))));

        Assert.Equal("""{"SUCCESS":"OK","name":"Energica"}""", answer.Body.ToJsonString());
    }

    [Fact]
    public async Task GetModelFunctionRunsTheGetModelEndpoint()
    {
        var catalog = new Mock<ICatalogStore>();
        catalog.Setup(c => c.FindModelAsync("energica-ss9", It.IsAny<CancellationToken>())).ReturnsAsync(new Model("energica-ss9", "energica", "SS9"));
        var function = new GetModelFunction(_api, new GetModelEndpoint(catalog.Object, _session.Authenticator));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Form(("token", _session.Token), ("model", "energica-ss9"))));

        Assert.Equal("""{"SUCCESS":"OK","name":"SS9"}""", answer.Body.ToJsonString());
    }

    [Fact]
    public async Task PushFunctionRunsThePushEndpoint()
    {
        var vehicles = new Mock<IVehicleStore>();
        vehicles.Setup(v => v.FindOwnerAsync(SeedPush.VehicleId, It.IsAny<CancellationToken>())).ReturnsAsync(Session.UserId);
        var queue = new Mock<ITelemetryQueue>();
        queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<BinaryData>(), It.IsAny<CancellationToken>())).ReturnsAsync(new SentMessage("message-1", "receipt"));
        var function = new PushFunction(_api, new PushEndpoint(_session.Authenticator, new VehicleAccess(vehicles.Object), queue.Object, _session.Clock, TestMetrics.New(), Mock.Of<IVehicleHealthRecorder>(), NullLogger<PushEndpoint>.Instance));

        var answer = await Http.ExecuteAsync(await function.Run(Http.Post(Requests.FormType, SeedPush.FormBody(_session.Token))));

        Assert.Equal("""{"SUCCESS":"OK","accepted":2}""", answer.Body.ToJsonString());
        queue.Verify(q => q.SendAsync(It.IsAny<string>(), It.IsAny<BinaryData>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
