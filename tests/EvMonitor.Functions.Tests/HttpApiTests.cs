using System.Net;
using System.Text;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Functions.Tests.Support;
using Moq;

namespace EvMonitor.Functions.Tests;

public sealed class HttpApiTests
{
    private readonly HttpApi _api = Http.Api();
    private readonly Mock<IApiEndpoint> _endpoint = new();
    private ApiRequest? _seen;
    private byte[] _seenBody = [];

    public HttpApiTests()
    {
        _endpoint.Setup(e => e.HandleAsync(It.IsAny<ApiRequest>(), It.IsAny<CancellationToken>()))
            .Callback<ApiRequest, CancellationToken>((request, _) =>
            {
                _seen = request;
                _seenBody = request.Body.ToArray();
            })
            .ReturnsAsync(ApiResult.Ok());
    }

    [Fact]
    public async Task HandsTheEndpointTheMethodContentTypeBodyAndCaller()
    {
        var request = Http.Post("application/x-www-form-urlencoded; charset=utf-8", "token=abc&make=energica");
        request.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");

        await _api.RunAsync(request, _endpoint.Object);

        Assert.Equal("POST", _seen?.Method);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", _seen?.ContentType);
        Assert.Equal("token=abc&make=energica", Encoding.UTF8.GetString(_seenBody));
        Assert.Equal("203.0.113.7", _seen?.ClientAddress);
        Assert.Null(_seen?.BearerToken);
    }

    [Theory]
    [InlineData("Bearer abc123", "abc123")]
    [InlineData("bearer  abc123 ", "abc123")]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l", null)]
    [InlineData("abc123", null)]
    public async Task PassesTheBearerToken(string authorization, string? expected)
    {
        var request = Http.Post(null, "");
        request.Headers.Authorization = authorization;

        await _api.RunAsync(request, _endpoint.Object);

        Assert.Equal(expected, _seen?.BearerToken);
    }

    [Fact]
    public async Task ReadsABodyOfExactlyOneMebibyteWithoutContentLength()
    {
        var request = Http.Request("POST", "text/plain", new byte[ApiLimits.MaxBodyBytes], withContentLength: false);

        await _api.RunAsync(request, _endpoint.Object);

        Assert.Equal(ApiLimits.MaxBodyBytes, _seenBody.Length);
    }

    [Fact]
    public async Task ReturnsPayloadTooLargeGivenAContentLengthOverOneMebibyte()
    {
        var request = Http.Post(Requests.FormType, "token=abc");
        request.ContentLength = ApiLimits.MaxBodyBytes + 1;

        var answer = await Http.ExecuteAsync(await _api.RunAsync(request, _endpoint.Object));

        Assert.Equal(413, answer.Status);
        Assert.Equal(ErrorCodes.PayloadTooLarge, (string?)answer.Body["code"]);
        _endpoint.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsPayloadTooLargeGivenALargerBodyWithoutContentLength()
    {
        var request = Http.Request("POST", Requests.FormType, new byte[ApiLimits.MaxBodyBytes + 1], withContentLength: false);

        var answer = await Http.ExecuteAsync(await _api.RunAsync(request, _endpoint.Object));

        Assert.Equal(413, answer.Status);
        Assert.Equal("ERROR", (string?)answer.Body["SUCCESS"]);
        Assert.Equal(ErrorCodes.PayloadTooLarge, (string?)answer.Body["code"]);
        _endpoint.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsMethodNotAllowedWithAnAllowHeaderGivenGet()
    {
        var answer = await Http.ExecuteAsync(await _api.RunAsync(Http.Request("GET", null, []), _endpoint.Object));

        Assert.Equal(405, answer.Status);
        Assert.Equal("POST", answer.Headers.Allow.ToString());
        Assert.Equal(ErrorCodes.MethodNotAllowed, (string?)answer.Body["code"]);
        _endpoint.VerifyNoOtherCalls();
    }
}
