using EvMonitor.Api;
using EvMonitor.Storage;
using EvMonitor.Vehicles;
using Moq;

namespace EvMonitor.Core.Tests.Vehicles;

public sealed class VehicleAccessTests
{
    private readonly Mock<IVehicleStore> _vehicles = new();

    [Theory]
    [InlineData("user-1", VehicleOwnership.Owned)]
    [InlineData("user-2", VehicleOwnership.OtherOwner)]
    [InlineData(null, VehicleOwnership.NotFound)]
    public async Task FindsTheVehiclesOwnership(string? owner, VehicleOwnership expected)
    {
        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync(owner);

        Assert.Equal(expected, await new VehicleAccess(_vehicles.Object).CheckAsync("user-1", "abcdefg1234"));
    }

    [Theory]
    [InlineData(VehicleOwnership.OtherOwner, 403, ErrorCodes.VehicleForbidden)]
    [InlineData(VehicleOwnership.NotFound, 404, ErrorCodes.VehicleNotFound)]
    public void AnEndpointAnswersARefusedVehicleWithItsStatusAndCode(VehicleOwnership ownership, int status, string code)
    {
        var result = Refusals.Vehicle(ownership, "abcdefg1234");

        Assert.Equal(status, result?.Status);
        Assert.Equal(code, result?.Code);
        Assert.Null(Refusals.Vehicle(VehicleOwnership.Owned, "abcdefg1234"));
    }

    [Fact]
    public async Task RemembersAConfirmedOwnerSoTheNextCheckReadsNothing()
    {
        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync("user-1");
        var access = new VehicleAccess(_vehicles.Object);

        Assert.Equal(VehicleOwnership.Owned, await access.CheckRememberedAsync("user-1", "abcdefg1234"));
        Assert.Equal(VehicleOwnership.Owned, await access.CheckRememberedAsync("user-1", "abcdefg1234"));

        _vehicles.Verify(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RemembersNoRefusalSoAVehicleAddedSinceIsFoundAtOnce()
    {
        var access = new VehicleAccess(_vehicles.Object);
        Assert.Equal(VehicleOwnership.NotFound, await access.CheckRememberedAsync("user-1", "abcdefg1234"));

        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync("user-1");

        Assert.Equal(VehicleOwnership.Owned, await access.CheckRememberedAsync("user-1", "abcdefg1234"));
    }

    [Fact]
    public async Task AnotherUserIsCheckedAgainstStorageNotAgainstWhatWasRemembered()
    {
        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync("user-1");
        var access = new VehicleAccess(_vehicles.Object);
        await access.CheckRememberedAsync("user-1", "abcdefg1234");

        var result = await access.CheckRememberedAsync("user-2", "abcdefg1234");

        Assert.Equal(VehicleOwnership.OtherOwner, result);
    }

    [Fact]
    public async Task AForgottenVehicleIsCheckedAgain()
    {
        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync("user-1");
        var access = new VehicleAccess(_vehicles.Object);
        await access.CheckRememberedAsync("user-1", "abcdefg1234");
        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);

        access.Forget("abcdefg1234");

        Assert.Equal(VehicleOwnership.NotFound, await access.CheckRememberedAsync("user-1", "abcdefg1234"));
    }
}
