using EvMonitor.Api;
using EvMonitor.Catalog;
using EvMonitor.Functions.Tests.Support;

namespace EvMonitor.Functions.Tests;

public sealed class ApiActionResultTests
{
    [Fact]
    public async Task WritesTheStatusContentTypeAndJsonBody()
    {
        var answer = await Http.ExecuteAsync(new ApiActionResult(ApiResult.Ok(new NameAnswer("Energica"))));

        Assert.Equal(200, answer.Status);
        Assert.Equal("application/json; charset=utf-8", answer.ContentType);
        Assert.Equal("""{"SUCCESS":"OK","name":"Energica"}""", answer.Body.ToJsonString());
        Assert.False(answer.Headers.ContainsKey("Allow"));
        Assert.False(answer.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task WritesValidationErrorsWithTheirFields()
    {
        var answer = await Http.ExecuteAsync(new ApiActionResult(ApiResult.Invalid("data[0][general][speed]", "must be an integer")));

        Assert.Equal(400, answer.Status);
        Assert.Equal(
            """
            {"SUCCESS":"ERROR","error":"data[0][general][speed] must be an integer.","code":"VALIDATION_FAILED","errors":[{"field":"data[0][general][speed]","error":"must be an integer"}]}
            """,
            answer.Body.ToJsonString());
    }

    [Fact]
    public async Task AddsAllowPostGivenMethodNotAllowed()
    {
        var answer = await Http.ExecuteAsync(new ApiActionResult(ApiResult.Error(405, ErrorCodes.MethodNotAllowed, "POST only.")));

        Assert.Equal(405, answer.Status);
        Assert.Equal("POST", answer.Headers.Allow.ToString());
    }

    [Fact]
    public async Task AddsRetryAfterInSecondsGivenStorageUnavailable()
    {
        var answer = await Http.ExecuteAsync(new ApiActionResult(ApiResult.StorageUnavailable()));

        Assert.Equal(503, answer.Status);
        Assert.Equal("5", answer.Headers.RetryAfter.ToString());
        Assert.Equal(ErrorCodes.StorageUnavailable, (string?)answer.Body["code"]);
    }

    [Fact]
    public async Task RoundsRetryAfterUpToWholeSeconds()
    {
        var result = ApiResult.Error(429, ErrorCodes.TooManyAttempts, "Wait.", retryAfter: TimeSpan.FromMilliseconds(1500));

        var answer = await Http.ExecuteAsync(new ApiActionResult(result));

        Assert.Equal("2", answer.Headers.RetryAfter.ToString());
    }
}
