using EvMonitor.Api;
using EvMonitor.Storage;
using EvMonitor.Vehicles;
using Moq;

namespace EvMonitor.Core.Tests.Vehicles;

public sealed class VehicleAccessTests
{
    private readonly Mock<IVehicleStore> _vehicles = new();

    [Theory]
    [InlineData("user-1", null)]
    [InlineData("user-2", 403)]
    [InlineData(null, 404)]
    public async Task AnswersByTheVehiclesOwner(string? owner, int? status)
    {
        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync(owner);

        var result = await new VehicleAccess(_vehicles.Object).CheckAsync("user-1", "abcdefg1234");

        Assert.Equal(status, result?.Status);
        Assert.Equal(status switch { 403 => ErrorCodes.VehicleForbidden, 404 => ErrorCodes.VehicleNotFound, _ => null }, result?.Code);
    }
}
