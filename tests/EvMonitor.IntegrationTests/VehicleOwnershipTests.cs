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
        var ownerToken = await _service.Client.LoginAsync(owner);
        var stranger = await _service.CreateAccountAsync();
        var strangerToken = await _service.Client.LoginAsync(stranger);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        await _service.Client.PushAsync(ownerToken, owner.VehicleId, "My cool app", [new PushedSnapshot(t, 87)]);
        await ApiCalls.EventuallyAsync(async () =>
            (await _service.Client.PostFormAsync("get_latest", ("token", ownerToken), ("vehicle_id", owner.VehicleId))).Body["snapshot"] is not null);

        foreach (var endpoint in VehicleEndpoints)
        {
            var answer = await _service.Client.PostFormAsync(endpoint, Fields(endpoint, strangerToken, owner.VehicleId));
            Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{endpoint} answered {answer.Status}");
            Assert.Equal("VEHICLE_FORBIDDEN", answer.Code);
            Assert.Null(answer.Body["snapshot"]);
            Assert.Null(answer.Body["snapshots"]);
        }

        var vehicle = Assert.Single(await _service.Client.VehiclesAsync(ownerToken));
        Assert.Equal("The Rocket", (string?)vehicle["nickname"]);
        var latest = await _service.Client.PostFormAsync("get_latest", ("token", ownerToken), ("vehicle_id", owner.VehicleId));
        Assert.Equal(87, (int?)latest.Body["snapshot"]!["general"]!["speed"]);
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
        var firstToken = await _service.Client.LoginAsync(first);
        var second = await _service.CreateAccountAsync();
        var secondToken = await _service.Client.LoginAsync(second);
        var added = await _service.Client.AddVehicleAsync(firstToken, "Spare", "zero-motorcycles", "zero-motorcycles-sr-f");

        var firstList = await _service.Client.VehiclesAsync(firstToken);
        var secondList = await _service.Client.VehiclesAsync(secondToken);

        Assert.Equal(new[] { first.VehicleId, (string)added["id"]! }.Order(), firstList.Select(v => (string)v["id"]!).Order());
        Assert.All(firstList, v => Assert.Equal(first.UserId, (string?)v["user_id"]));
        Assert.Equal([second.VehicleId], secondList.Select(v => (string?)v["id"]));
        Assert.All(secondList, v => Assert.Equal(second.UserId, (string?)v["user_id"]));
    }
}
