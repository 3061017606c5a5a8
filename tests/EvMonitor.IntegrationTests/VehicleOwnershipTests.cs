using System.Net;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.IntegrationTests;

/// <summary>A user sees and changes only their own vehicles and data.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class VehicleOwnershipTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static readonly string[] VehicleEndpoints = ["update_vehicle", "delete_vehicle", "get_latest", "get_history"];

    private static (string, string)[] Fields(string endpoint, string token, string vehicleId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return endpoint switch
        {
            "update_vehicle" => [("token", token), ("vehicle_id", vehicleId), ("nickname", "Taken")],
            "get_history" => [("token", token), ("vehicle_id", vehicleId), ("from", $"{now - 3600}"), ("to", $"{now}")],
            _ => [("token", token), ("vehicle_id", vehicleId)],
        };
    }

    [Fact]
    public async Task AnotherUserIsForbiddenEveryVehicleEndpointAndChangesNothing()
    {
        var owner = await _service.CreateAccountAsync();
        var ownerApp = _service.Client.ClientFor(owner);
        var stranger = await _service.CreateAccountAsync();
        var strangerToken = await _service.Client.LoginAsync(stranger);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        await ownerApp.PushAsync(owner.VehicleId, [new PushedSnapshot(t, 87).ToTelemetrySnapshot()], "My cool app");
        await ApiCalls.EventuallyAsync(async () => await ownerApp.GetLatestAsync(owner.VehicleId) is not null);

        // By hand: the answers' bodies must hold no snapshot, which the client would not show.

        foreach (var endpoint in VehicleEndpoints)
        {
            var answer = await _service.Client.PostFormAsync(endpoint, Fields(endpoint, strangerToken, owner.VehicleId));
            Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{endpoint} answered {answer.Status}");
            Assert.Equal("VEHICLE_FORBIDDEN", answer.Code);
            Assert.Null(answer.Body["snapshot"]);
            Assert.Null(answer.Body["snapshots"]);
        }

        var vehicle = Assert.Single(await ownerApp.GetVehiclesAsync());
        Assert.Equal("The Rocket", vehicle.Nickname);
        Assert.Equal(87, (await ownerApp.GetLatestAsync(owner.VehicleId))!.General.Speed);
    }

    [Fact]
    public async Task AnUnknownVehicleIsNotFoundOnEveryVehicleEndpoint()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);

        foreach (var vehicleId in new[] { "nosuchvehicle12", "with/slash" })
        {
            foreach (var endpoint in VehicleEndpoints)
            {
                var answer = await _service.Client.PostFormAsync(endpoint, Fields(endpoint, token, vehicleId));
                Assert.True(answer.Status == HttpStatusCode.NotFound, $"{endpoint} answered {answer.Status} for {vehicleId}");
                Assert.Equal("VEHICLE_NOT_FOUND", answer.Code);
            }
        }
    }

    [Fact]
    public async Task GetVehiclesListsOnlyTheCallersOwnVehicles()
    {
        var first = await _service.CreateAccountAsync();
        var firstApp = _service.Client.ClientFor(first);
        var second = await _service.CreateAccountAsync();
        var added = await firstApp.AddVehicleAsync("zero-motorcycles", "zero-motorcycles-sr-f", "Spare");

        var firstList = await firstApp.GetVehiclesAsync();
        var secondList = await _service.Client.ClientFor(second).GetVehiclesAsync();

        Assert.Equal(new[] { first.VehicleId, added.Id }.Order(), firstList.Select(v => v.Id).Order());
        Assert.All(firstList, v => Assert.Equal(first.UserId, v.UserId));
        Assert.Equal([second.VehicleId], secondList.Select(v => v.Id));
        Assert.All(secondList, v => Assert.Equal(second.UserId, v.UserId));
    }
}
