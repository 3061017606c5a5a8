using EvMonitor.Journeys;
using Azure;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using static EvMonitor.Core.Tests.Support.Requests;

namespace EvMonitor.Core.Tests.Vehicles;

public sealed class DeleteVehicleEndpointTests
{
    private readonly Mock<IVehicleStore> _vehicles = new();
    private readonly Mock<ITelemetryHistory> _telemetry = new();
    private readonly Session _session = new();
    private readonly VehicleAccess _access;
    private readonly DeleteVehicleEndpoint _endpoint;

    public DeleteVehicleEndpointTests()
    {
        _vehicles.Setup(v => v.FindOwnerAsync("vehicle-a", It.IsAny<CancellationToken>())).ReturnsAsync("user-a");
        _access = new VehicleAccess(_vehicles.Object);
        _endpoint = new DeleteVehicleEndpoint(_vehicles.Object, _telemetry.Object, _access, _session.Authenticator);
    }

    [Fact]
    public async Task DeletesTheTelemetryBeforeTheVehicle()
    {
        var order = new List<string>();
        _telemetry.Setup(t => t.DeleteAllAsync("vehicle-a", It.IsAny<CancellationToken>())).Callback(() => order.Add("telemetry")).ReturnsAsync(42);
        _vehicles.Setup(v => v.DeleteAsync("user-a", "vehicle-a", It.IsAny<CancellationToken>())).Callback(() => order.Add("vehicle")).Returns(Task.CompletedTask);

        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a")), ("vehicle_id", "vehicle-a")));

        Assert.Equal(200, result.Status);
        Assert.Equal("vehicle-a", (string?)result.Json()["vehicle_id"]);
        Assert.Equal(["telemetry", "vehicle"], order);
    }

    [Fact]
    public async Task PushesToThisInstanceAreRefusedAsSoonAsTheDeleteAnswers()
    {
        Assert.Equal(VehicleOwnership.Owned, await _access.CheckRememberedAsync("user-a", "vehicle-a"));
        _vehicles.Setup(v => v.DeleteAsync("user-a", "vehicle-a", It.IsAny<CancellationToken>()))
            .Callback(() => _vehicles.Setup(v => v.FindOwnerAsync("vehicle-a", It.IsAny<CancellationToken>())).ReturnsAsync((string?)null))
            .Returns(Task.CompletedTask);

        await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a")), ("vehicle_id", "vehicle-a")));

        Assert.Equal(VehicleOwnership.NotFound, await _access.CheckRememberedAsync("user-a", "vehicle-a"));
    }

    [Fact]
    public async Task KeepsTheVehicleAndAnswersRetryLaterWhenErasingTelemetryFails()
    {
        _telemetry.Setup(t => t.DeleteAllAsync("vehicle-a", It.IsAny<CancellationToken>())).ThrowsAsync(new RequestFailedException(503, "Server busy"));
        var pipeline = new ApiPipeline(TestMetrics.New(), NullLogger<ApiPipeline>.Instance);

        var result = await pipeline.RunAsync(_endpoint, Form(("token", _session.TokenFor("user-a")), ("vehicle_id", "vehicle-a")));

        Assert.Equal(503, result.Status);
        Assert.Equal(ErrorCodes.StorageUnavailable, result.Code);
        _vehicles.Verify(v => v.DeleteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReturnsForbiddenAndErasesNothingGivenAnotherUsersVehicle()
    {
        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-b")), ("vehicle_id", "vehicle-a")));

        Assert.Equal(403, result.Status);
        Assert.Equal(ErrorCodes.VehicleForbidden, result.Code);
        _telemetry.VerifyNoOtherCalls();
        _vehicles.Verify(v => v.DeleteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReturnsNotFoundGivenAnUnknownVehicle()
    {
        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a")), ("vehicle_id", "nope")));

        Assert.Equal(404, result.Status);
        Assert.Equal(ErrorCodes.VehicleNotFound, result.Code);
        _telemetry.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsBadRequestNamingVehicleIdGivenNone()
    {
        var result = await _endpoint.HandleAsync(Form(("token", _session.TokenFor("user-a"))));

        Assert.Equal(400, result.Status);
        Assert.Equal("vehicle_id", (string?)Assert.Single(result.Json()["errors"]!.AsArray())!["field"]);
    }
}
