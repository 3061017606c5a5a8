using Azure;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EvMonitor.Core.Tests.Api;

public sealed class ApiPipelineTests
{
    private readonly ApiPipeline _pipeline = new(TestMetrics.New(), NullLogger<ApiPipeline>.Instance);
    private readonly Mock<IApiEndpoint> _endpoint = new();

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public async Task ReturnsMethodNotAllowedWithoutRunningTheEndpointGivenAnyMethodButPost(string method)
    {
        var result = await _pipeline.RunAsync(_endpoint.Object, Requests.Form() with { Method = method });

        Assert.Equal(405, result.Status);
        Assert.Equal("ERROR", result.Success);
        Assert.Equal(ErrorCodes.MethodNotAllowed, result.Code);
        _endpoint.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("post")]
    public async Task ReturnsTheEndpointsAnswerGivenPost(string method)
    {
        var request = Requests.Form() with { Method = method };
        var answer = ApiResult.Ok();
        _endpoint.Setup(e => e.HandleAsync(request, It.IsAny<CancellationToken>())).ReturnsAsync(answer);

        Assert.Same(answer, await _pipeline.RunAsync(_endpoint.Object, request));
    }

    public static TheoryData<Exception> Outages() =>
    [
        new RequestFailedException(0, "connection refused"),
        new RequestFailedException(503, "server busy"),
        new RequestFailedException(500, "internal error"),
        new RequestFailedException(408, "timeout"),
        new RequestFailedException(429, "throttled"),
        new AggregateException(new RequestFailedException(0, "connection refused"), new RequestFailedException(503, "server busy")),
        new HttpRequestException("connection reset"),
        new TimeoutException(),
        new TaskCanceledException("timed out", new TimeoutException()),
    ];

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task ReturnsStorageUnavailableWithRetryAfterGivenAStorageOutage(Exception outage)
    {
        _endpoint.Setup(e => e.HandleAsync(It.IsAny<ApiRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(outage);

        var result = await _pipeline.RunAsync(_endpoint.Object, Requests.Form());

        Assert.Equal(503, result.Status);
        Assert.Equal(ErrorCodes.StorageUnavailable, result.Code);
        Assert.Equal("ERROR", result.Success);
        Assert.NotNull(result.RetryAfter);
        Assert.True(result.RetryAfter > TimeSpan.Zero);
    }

    public static TheoryData<Exception> Bugs() =>
    [
        new InvalidOperationException("bug"),
        new NullReferenceException(),
        new RequestFailedException(404, "not found"),
        new RequestFailedException(409, "conflict"),
        new RequestFailedException(403, "forbidden"),
        new AggregateException(new RequestFailedException(0, "connection refused"), new InvalidOperationException("bug")),
        new AggregateException(),
    ];

    [Theory]
    [MemberData(nameof(Bugs))]
    public async Task ReturnsInternalErrorGivenAnyOtherException(Exception bug)
    {
        _endpoint.Setup(e => e.HandleAsync(It.IsAny<ApiRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(bug);

        var result = await _pipeline.RunAsync(_endpoint.Object, Requests.Form());

        Assert.Equal(500, result.Status);
        Assert.Equal(ErrorCodes.InternalError, result.Code);
        Assert.Null(result.RetryAfter);
    }

    [Theory]
    [InlineData(typeof(EvMonitor.Push.PushEndpoint), "push")]
    [InlineData(typeof(EvMonitor.Vehicles.GetVehiclesEndpoint), "get_vehicles")]
    [InlineData(typeof(EvMonitor.Login.LoginEndpoint), "login")]
    public void NamesAnEndpointsFunctionInSnakeCase(Type endpoint, string name)
    {
        Assert.Equal(name, ApiPipeline.FunctionName(endpoint));
    }
}
