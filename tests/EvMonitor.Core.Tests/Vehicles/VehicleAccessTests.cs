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

    [Fact]
    public async Task RemembersAConfirmedOwnerSoTheNextCheckReadsNothing()
    {
        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync("user-1");
        var access = new VehicleAccess(_vehicles.Object);

        Assert.Null(await access.CheckRememberedAsync("user-1", "abcdefg1234"));
        Assert.Null(await access.CheckRememberedAsync("user-1", "abcdefg1234"));

        _vehicles.Verify(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RemembersNoRefusalSoAVehicleAddedSinceIsFoundAtOnce()
    {
        var access = new VehicleAccess(_vehicles.Object);
        Assert.Equal(404, (await access.CheckRememberedAsync("user-1", "abcdefg1234"))?.Status);

        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync("user-1");

        Assert.Null(await access.CheckRememberedAsync("user-1", "abcdefg1234"));
    }

    [Fact]
    public async Task AnotherUserIsCheckedAgainstStorageNotAgainstWhatWasRemembered()
    {
        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync("user-1");
        var access = new VehicleAccess(_vehicles.Object);
        await access.CheckRememberedAsync("user-1", "abcdefg1234");

        var result = await access.CheckRememberedAsync("user-2", "abcdefg1234");

        Assert.Equal(ErrorCodes.VehicleForbidden, result?.Code);
    }

    [Fact]
    public async Task AForgottenVehicleIsCheckedAgain()
    {
        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync("user-1");
        var access = new VehicleAccess(_vehicles.Object);
        await access.CheckRememberedAsync("user-1", "abcdefg1234");
        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);

        access.Forget("abcdefg1234");

        Assert.Equal(ErrorCodes.VehicleNotFound, (await access.CheckRememberedAsync("user-1", "abcdefg1234"))?.Code);
    }
}
