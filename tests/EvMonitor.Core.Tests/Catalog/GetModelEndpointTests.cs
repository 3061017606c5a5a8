using EvMonitor.Api;
using EvMonitor.Catalog;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.Storage;
using Moq;

namespace EvMonitor.Core.Tests.Catalog;

public sealed class GetModelEndpointTests
{
    private readonly Session _session = new();
    private readonly Mock<ICatalogStore> _catalog = new();
    private readonly GetModelEndpoint _endpoint;

    public GetModelEndpointTests()
    {
        _catalog.Setup(c => c.FindModelAsync("energica-ss9", It.IsAny<CancellationToken>())).ReturnsAsync(new Model("energica-ss9", "energica", "SS9"));
        _endpoint = new GetModelEndpoint(_catalog.Object, _session.Authenticator);
    }

    [Fact]
    public async Task ReturnsTheNameGivenAKnownModel()
    {
        var result = await _endpoint.HandleAsync(Requests.Form(("token", _session.Token), ("model", "energica-ss9")));

        Assert.Equal(200, result.Status);
        Assert.Equal("""{"SUCCESS":"OK","name":"SS9"}""", result.ToJsonString());
    }

    [Fact]
    public async Task ReturnsNotFoundGivenUnknownModel()
    {
        var result = await _endpoint.HandleAsync(Requests.Form(("token", _session.Token), ("model", "rn8ytw6qvs16iwt")));

        Assert.Equal(404, result.Status);
        Assert.Equal(ErrorCodes.ModelNotFound, result.Code);
    }

    [Fact]
    public async Task ReturnsValidationFailedNamingModelGivenNone()
    {
        var result = await _endpoint.HandleAsync(Requests.Json($$"""{"token":"{{_session.Token}}","model":null}"""));

        Assert.Equal(400, result.Status);
        Assert.Equal("model", (string?)result.Json()["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task ReturnsTokenExpiredGivenAnExpiredToken()
    {
        _session.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await _endpoint.HandleAsync(Requests.Form(("token", _session.Token), ("model", "energica-ss9")));

        Assert.Equal(401, result.Status);
        Assert.Equal(ErrorCodes.TokenExpired, result.Code);
    }
}
