using EvMonitor.Accounts;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.Storage;
using EvMonitor.Vehicles;
using Moq;
using static EvMonitor.Core.Tests.Support.Requests;

namespace EvMonitor.Core.Tests.Vehicles;

public sealed class AddVehicleEndpointTests
{
    private readonly Mock<IVehicleStore> _vehicles = new();
    private readonly Mock<ICatalogStore> _catalog = new();
    private readonly Session _session = new();
    private readonly AddVehicleEndpoint _endpoint;

    public AddVehicleEndpointTests()
    {
        _catalog.Setup(c => c.FindMakeAsync("energica", It.IsAny<CancellationToken>())).ReturnsAsync(new Make("energica", "Energica"));
        _catalog.Setup(c => c.FindModelAsync("energica-ss9", It.IsAny<CancellationToken>())).ReturnsAsync(new Model("energica-ss9", "energica", "SS9"));
        _catalog.Setup(c => c.FindModelAsync("zero-sr-f", It.IsAny<CancellationToken>())).ReturnsAsync(new Model("zero-sr-f", "zero", "SR/F"));
        var accounts = new AccountService(Mock.Of<IUserStore>(), _vehicles.Object, _catalog.Object, new PasswordHasher(iterations: 1), TimeProvider.System);
        _endpoint = new AddVehicleEndpoint(accounts, _session.Authenticator);
    }

    [Fact]
    public async Task ReturnsTheStoredVehicleAsGetVehiclesShowsIt()
    {
        Vehicle? stored = null;
        _vehicles.Setup(v => v.AddAsync(It.IsAny<Vehicle>(), It.IsAny<CancellationToken>()))
            .Callback((Vehicle v, CancellationToken _) => stored = v).Returns(Task.CompletedTask);

        var result = await _endpoint.HandleAsync(Form(
            ("token", _session.TokenFor("user-a")), ("make", "energica"), ("model", "energica-ss9"), ("nickname", " The Rocket ")));

        Assert.Equal(200, result.Status);
        Assert.NotNull(stored);
        Assert.Equal("user-a", stored.UserId);
        Assert.Equal("The Rocket", stored.Nickname);
        Assert.Equal("0", stored.Plan);
        Assert.Equal(VehicleView.Of(stored), ((VehicleAnswer)result.Body).Vehicle);
    }

    [Fact]
    public async Task ReturnsModelNotFoundGivenAModelOfAnotherMake()
    {
        var result = await _endpoint.HandleAsync(Form(
            ("token", _session.TokenFor("user-a")), ("make", "energica"), ("model", "zero-sr-f"), ("nickname", "Mixed up")));

        Assert.Equal(404, result.Status);
        Assert.Equal(ErrorCodes.ModelNotFound, result.Code);
        _vehicles.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsMakeNotFoundGivenAnUnknownMake()
    {
        var result = await _endpoint.HandleAsync(Form(
            ("token", _session.TokenFor("user-a")), ("make", "nope"), ("model", "energica-ss9"), ("nickname", "Ghost")));

        Assert.Equal(404, result.Status);
        Assert.Equal(ErrorCodes.MakeNotFound, result.Code);
        _vehicles.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ListsEveryMissingFieldGivenOnlyAToken()
    {
        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a"))));

        Assert.Equal(400, result.Status);
        Assert.Equal(["nickname", "make", "model"], result.Json()["errors"]!.AsArray().Select(e => (string?)e!["field"]));
    }

    [Fact]
    public async Task ReturnsTokenRequiredGivenNoToken()
    {
        var result = await _endpoint.HandleAsync(Form(("make", "energica"), ("model", "energica-ss9"), ("nickname", "x")));

        Assert.Equal(401, result.Status);
        Assert.Equal(ErrorCodes.TokenRequired, result.Code);
        _vehicles.VerifyNoOtherCalls();
    }
}
