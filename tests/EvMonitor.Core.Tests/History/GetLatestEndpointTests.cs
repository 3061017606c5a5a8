using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using EvMonitor.History;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;
using Moq;
using static EvMonitor.Core.Tests.Support.Requests;

namespace EvMonitor.Core.Tests.History;

public sealed class GetLatestEndpointTests
{
    private readonly Mock<IVehicleStore> _vehicles = new();
    private readonly Mock<ITelemetryHistory> _history = new();
    private readonly Session _session = new();
    private readonly GetLatestEndpoint _endpoint;

    public GetLatestEndpointTests()
    {
        _vehicles.Setup(v => v.FindOwnerAsync("vehicle-a", It.IsAny<CancellationToken>())).ReturnsAsync("user-a");
        _endpoint = new GetLatestEndpoint(_history.Object, new VehicleAccess(_vehicles.Object), _session.Authenticator);
    }

    [Fact]
    public async Task ReturnsTheNewestSnapshot()
    {
        _history.Setup(h => h.ReadLatestAsync("vehicle-a", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new JsonObject { ["timestamp"] = 1732550400L, ["general"] = new JsonObject { ["speed"] = 87 } });

        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a")), ("vehicle_id", "vehicle-a")));

        Assert.Equal(200, result.Status);
        Assert.Equal(1732550400, (long?)result.Json()["snapshot"]!["timestamp"]);
        Assert.Equal(87, (int?)result.Json()["snapshot"]!["general"]!["speed"]);
    }

    [Fact]
    public async Task ReturnsANullSnapshotBeforeAnythingIsStored()
    {
        _history.Setup(h => h.ReadLatestAsync("vehicle-a", It.IsAny<CancellationToken>())).ReturnsAsync((JsonObject?)null);

        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a")), ("vehicle_id", "vehicle-a")));

        Assert.Equal(200, result.Status);
        Assert.True(result.Json().ContainsKey("snapshot"));
        Assert.Null(result.Json()["snapshot"]);
    }

    [Fact]
    public async Task ReturnsForbiddenWithoutReadingGivenAnotherUsersVehicle()
    {
        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-b")), ("vehicle_id", "vehicle-a")));

        Assert.Equal(403, result.Status);
        Assert.Equal(ErrorCodes.VehicleForbidden, result.Code);
        _history.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsNotFoundGivenAnUnknownVehicle()
    {
        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a")), ("vehicle_id", "nope")));

        Assert.Equal(404, result.Status);
        Assert.Equal(ErrorCodes.VehicleNotFound, result.Code);
        _history.VerifyNoOtherCalls();
    }
}
