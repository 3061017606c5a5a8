using EvMonitor.Api;
using EvMonitor.Auth;

namespace EvMonitor.Core.Tests.Api;

public sealed class RefusalsTests
{
    [Theory]
    [InlineData(TokenRejection.Missing, ErrorCodes.TokenRequired, "log in first")]
    [InlineData(TokenRejection.Invalid, ErrorCodes.TokenInvalid, "Log in again")]
    [InlineData(TokenRejection.Expired, ErrorCodes.TokenExpired, "Log in again")]
    public void ARefusedTokenIsA401WithItsCodeAndWhatToDo(TokenRejection rejection, string code, string advice)
    {
        var result = Refusals.Token(rejection);

        Assert.Equal(401, result.Status);
        Assert.Equal(code, result.Code);
        Assert.Contains(advice, (string?)result.Json()["error"]);
    }

    [Fact]
    public void TooManyAttemptsIsA429WithTheWaitInWholeSeconds()
    {
        var result = Refusals.TooManyAttempts(TimeSpan.FromSeconds(89.2), "failed logins");

        Assert.Equal(429, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(89.2), result.RetryAfter);
        Assert.Equal("""{"SUCCESS":"ERROR","error":"Too many failed logins. Try again in 90 seconds.","code":"TOO_MANY_ATTEMPTS"}""", result.ToJsonString());
    }
}
