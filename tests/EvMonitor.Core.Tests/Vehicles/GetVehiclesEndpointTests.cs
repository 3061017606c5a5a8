using System.Text.Json;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.Storage;
using EvMonitor.Vehicles;
using Moq;

namespace EvMonitor.Core.Tests.Vehicles;

public sealed class GetVehiclesEndpointTests
{
    private readonly Session _session = new();
    private readonly Mock<IVehicleStore> _vehicles = new();
    private readonly GetVehiclesEndpoint _endpoint;

    public GetVehiclesEndpointTests() => _endpoint = new GetVehiclesEndpoint(_vehicles.Object, _session.Authenticator);

    [Fact]
    public async Task ReturnsTheCallersVehiclesWithEveryValueAString()
    {
        _vehicles.Setup(v => v.ListAsync(Session.UserId, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new Vehicle("abcdefg1234", Session.UserId, "energica", "energica-ss9", "The Rocket", "0"),
            new Vehicle("hijklmn5678", Session.UserId, "zero-motorcycles", "zero-motorcycles-sr-f", "Commuter", "1"),
        ]);

        var result = await _endpoint.HandleAsync(Requests.Form(("token", _session.Token)));

        Assert.Equal(200, result.Status);
        Assert.Equal(
            """{"SUCCESS":"OK","vehicles":[""" +
            """{"id":"abcdefg1234","user_id":"aabbcc112233","make":"energica","model":"energica-ss9","nickname":"The Rocket","plan":"0","time_zone":"UTC"},""" +
            """{"id":"hijklmn5678","user_id":"aabbcc112233","make":"zero-motorcycles","model":"zero-motorcycles-sr-f","nickname":"Commuter","plan":"1","time_zone":"UTC"}]}""",
            result.ToJsonString());
        Assert.All(result.Json()["vehicles"]!.AsArray().SelectMany(v => v!.AsObject()), p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
    }

    [Fact]
    public async Task ReturnsAnEmptyListGivenNoVehicles()
    {
        _vehicles.Setup(v => v.ListAsync(Session.UserId, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var result = await _endpoint.HandleAsync(Requests.Form(("token", _session.Token)));

        Assert.Equal("""{"SUCCESS":"OK","vehicles":[]}""", result.ToJsonString());
    }

    [Fact]
    public async Task AcceptsTheTokenAsABearerHeader()
    {
        _vehicles.Setup(v => v.ListAsync(Session.UserId, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var result = await _endpoint.HandleAsync(Requests.Post(null, "", bearerToken: _session.Token));

        Assert.Equal(200, result.Status);
    }

    [Fact]
    public async Task ReturnsTokenRequiredWithoutReadingVehiclesGivenNoToken()
    {
        var result = await _endpoint.HandleAsync(Requests.Form());

        Assert.Equal(401, result.Status);
        Assert.Equal(ErrorCodes.TokenRequired, result.Code);
        _vehicles.VerifyNoOtherCalls();
    }
}
