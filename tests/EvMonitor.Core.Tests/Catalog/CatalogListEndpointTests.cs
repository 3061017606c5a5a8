using EvMonitor.Api;
using EvMonitor.Catalog;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.Storage;
using Moq;
using static EvMonitor.Core.Tests.Support.Requests;

namespace EvMonitor.Core.Tests.Catalog;

public sealed class CatalogListEndpointTests
{
    private readonly Mock<ICatalogStore> _catalog = new();
    private readonly Session _session = new();

    public CatalogListEndpointTests()
    {
        _catalog.Setup(c => c.ListMakesAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync([new Make("zero", "Zero Motorcycles"), new Make("bmw", "BMW"), new Make("audi", "audi")]);
        _catalog.Setup(c => c.FindMakeAsync("energica", It.IsAny<CancellationToken>())).ReturnsAsync(new Make("energica", "Energica"));
        _catalog.Setup(c => c.ListModelsAsync("energica", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new Model("energica-ss9", "energica", "SS9"), new Model("energica-ego", "energica", "Ego")]);
        _catalog.Setup(c => c.ListModelsAsync(null, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new Model("zero-sr-f", "zero", "SR/F"), new Model("energica-ss9", "energica", "SS9"), new Model("energica-ego", "energica", "Ego")]);
    }

    [Fact]
    public async Task GetMakesListsEveryMakeByName()
    {
        var result = await new GetMakesEndpoint(_catalog.Object, _session.Authenticator).HandleAsync(Form(("token", _session.TokenFor("user-a"))));

        Assert.Equal(200, result.Status);
        Assert.Equal(["audi", "bmw", "zero"], result.Json()["makes"]!.AsArray().Select(m => (string?)m!["id"]));
        Assert.Equal("Zero Motorcycles", (string?)result.Json()["makes"]![2]!["name"]);
    }

    [Fact]
    public async Task GetMakesReturnsTokenRequiredGivenNoToken()
    {
        var result = await new GetMakesEndpoint(_catalog.Object, _session.Authenticator).HandleAsync(Form());

        Assert.Equal(401, result.Status);
        Assert.Equal(ErrorCodes.TokenRequired, result.Code);
        _catalog.Verify(c => c.ListMakesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task GetModelsListsOneMakesModelsByNameGivenAMake()
    {
        var result = await new GetModelsEndpoint(_catalog.Object, _session.Authenticator)
            .HandleAsync(Form(("token", _session.TokenFor("user-a")), ("make", "energica")));

        Assert.Equal(200, result.Status);
        Assert.Equal(["Ego", "SS9"], result.Json()["models"]!.AsArray().Select(m => (string?)m!["name"]));
        Assert.All(result.Json()["models"]!.AsArray(), m => Assert.Equal("energica", (string?)m!["make"]));
    }

    [Fact]
    public async Task GetModelsListsEveryModelGivenNoMake()
    {
        var result = await new GetModelsEndpoint(_catalog.Object, _session.Authenticator)
            .HandleAsync(Post(JsonType, "{\"make\":\"\"}", bearerToken: _session.TokenFor("user-a")));

        Assert.Equal(200, result.Status);
        Assert.Equal(["energica-ego", "energica-ss9", "zero-sr-f"], result.Json()["models"]!.AsArray().Select(m => (string?)m!["id"]));
    }

    [Fact]
    public async Task GetModelsReturnsMakeNotFoundGivenAnUnknownMake()
    {
        var result = await new GetModelsEndpoint(_catalog.Object, _session.Authenticator)
            .HandleAsync(Form(("token", _session.TokenFor("user-a")), ("make", "nope")));

        Assert.Equal(404, result.Status);
        Assert.Equal(ErrorCodes.MakeNotFound, result.Code);
    }
}
