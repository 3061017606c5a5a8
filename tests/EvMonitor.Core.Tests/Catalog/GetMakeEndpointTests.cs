using EvMonitor.Api;
using EvMonitor.Catalog;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.Storage;
using Moq;

namespace EvMonitor.Core.Tests.Catalog;

public sealed class GetMakeEndpointTests
{
    private readonly Session _session = new();
    private readonly Mock<ICatalogStore> _catalog = new();
    private readonly GetMakeEndpoint _endpoint;

    public GetMakeEndpointTests()
    {
        _catalog.Setup(c => c.FindMakeAsync("energica", It.IsAny<CancellationToken>())).ReturnsAsync(new Make("energica", "Energica"));
        _endpoint = new GetMakeEndpoint(_catalog.Object, _session.Authenticator);
    }

    [Fact]
    public async Task ReturnsTheNameGivenAKnownMake()
    {
        var result = await _endpoint.HandleAsync(Requests.Form(("token", _session.Token), ("make", "energica")));

        Assert.Equal(200, result.Status);
        Assert.Equal("""{"SUCCESS":"OK","name":"Energica"}""", result.ToJsonString());
    }

    [Fact]
    public async Task ReturnsNotFoundGivenUnknownMake()
    {
        var result = await _endpoint.HandleAsync(Requests.Form(("token", _session.Token), ("make", "84a2z6xrqomuh9b")));

        Assert.Equal(404, result.Status);
        Assert.Equal(ErrorCodes.MakeNotFound, result.Code);
        Assert.Equal("ERROR", result.Success);
    }

    [Fact]
    public async Task ReturnsValidationFailedNamingMakeGivenNone()
    {
        var result = await _endpoint.HandleAsync(Requests.Form(("token", _session.Token)));

        Assert.Equal(400, result.Status);
        Assert.Equal("make", (string?)result.Json()["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task ReturnsTokenRequiredBeforeLookingUpGivenNoToken()
    {
        var result = await _endpoint.HandleAsync(Requests.Form(("make", "energica")));

        Assert.Equal(401, result.Status);
        Assert.Equal(ErrorCodes.TokenRequired, result.Code);
        _catalog.VerifyNoOtherCalls();
    }
}
