using EvMonitor.Accounts;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.Storage;
using EvMonitor.Vehicles;
using Moq;
using static EvMonitor.Core.Tests.Support.Requests;

namespace EvMonitor.Core.Tests.Vehicles;

public sealed class UpdateVehicleEndpointTests
{
    private static readonly Vehicle Rocket = new("vehicle-a", "user-a", "energica", "energica-ss9", "The Rocket", "0");

    private readonly Mock<IVehicleStore> _vehicles = new();
    private readonly Session _session = new();
    private readonly UpdateVehicleEndpoint _endpoint;

    public UpdateVehicleEndpointTests()
    {
        _vehicles.Setup(v => v.FindOwnerAsync("vehicle-a", It.IsAny<CancellationToken>())).ReturnsAsync("user-a");
        _endpoint = new UpdateVehicleEndpoint(_vehicles.Object, new VehicleAccess(_vehicles.Object), _session.Authenticator);
    }

    [Fact]
    public async Task RenamesTheVehicleAndReturnsItAsStored()
    {
        _vehicles.Setup(v => v.UpdateAsync("user-a", "vehicle-a", It.IsAny<string?>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string _, string? nickname, string? _, CancellationToken _) => Rocket with { Nickname = nickname! });

        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a")), ("vehicle_id", "vehicle-a"), ("nickname", " Lightning ")));

        Assert.Equal(200, result.Status);
        Assert.Equal("Lightning", (string?)result.Json()["vehicle"]!["nickname"]);
        Assert.Equal("energica-ss9", (string?)result.Json()["vehicle"]!["model"]);
    }

    [Fact]
    public async Task ReturnsForbiddenAndChangesNothingGivenAnotherUsersVehicle()
    {
        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-b")), ("vehicle_id", "vehicle-a"), ("nickname", "Mine now")));

        Assert.Equal(403, result.Status);
        Assert.Equal(ErrorCodes.VehicleForbidden, result.Code);
        _vehicles.Verify(v => v.UpdateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReturnsNotFoundGivenAnUnknownVehicle()
    {
        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a")), ("vehicle_id", "nope"), ("nickname", "Ghost")));

        Assert.Equal(404, result.Status);
        Assert.Equal(ErrorCodes.VehicleNotFound, result.Code);
    }

    [Fact]
    public async Task ReturnsNotFoundGivenAVehicleDeletedAfterTheOwnershipCheck()
    {
        _vehicles.Setup(v => v.UpdateAsync("user-a", "vehicle-a", It.IsAny<string?>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Vehicle?)null);

        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a")), ("vehicle_id", "vehicle-a"), ("nickname", "Late")));

        Assert.Equal(404, result.Status);
        Assert.Equal(ErrorCodes.VehicleNotFound, result.Code);
    }

    [Fact]
    public async Task ReturnsBadRequestNamingNicknameGivenOneTooLong()
    {
        var result = await _endpoint.HandleAsync(Form(
            ("token", _session.TokenFor("user-a")), ("vehicle_id", "vehicle-a"), ("nickname", new string('x', AccountService.MaxNicknameLength + 1))));

        Assert.Equal(400, result.Status);
        Assert.Equal("nickname", (string?)Assert.Single(result.Json()["errors"]!.AsArray())!["field"]);
        _vehicles.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ListsBothFieldsGivenNeither()
    {
        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a"))));

        Assert.Equal(400, result.Status);
        Assert.Equal(["vehicle_id", "nickname"], result.Json()["errors"]!.AsArray().Select(e => (string?)e!["field"]));
    }
}
