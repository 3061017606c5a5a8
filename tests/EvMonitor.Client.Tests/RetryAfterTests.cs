using System.Net;
using System.Text.Json.Nodes;
using EvMonitor.Client.Tests.Support;

namespace EvMonitor.Client.Tests;

/// <summary>429 and 503 are sent again after Retry-After (docs/api.md: error codes), a bounded number of times.</summary>
public sealed class RetryAfterTests
{
    private readonly WatchedTime _time = new();

    private static HttpResponseMessage Makes() => FakeApi.Ok(new JsonObject { ["makes"] = new JsonArray(new JsonObject { ["id"] = "energica", ["name"] = "Energica" }) });

    /// <summary>Answers login; every other call gets the next of <paramref name="answers"/>, then OK.</summary>
    private FakeApi Service(params Func<HttpResponseMessage>[] answers)
    {
        var next = 0;
        return new FakeApi(request => request.Endpoint == "login"
            ? FakeApi.Login("token", _time.GetUtcNow())
            : next < answers.Length ? answers[next++]() : Makes());
    }

    private static HttpResponseMessage Unavailable(TimeSpan? retryAfter) =>
        FakeApi.Error(HttpStatusCode.ServiceUnavailable, ErrorCodes.StorageUnavailable, "Storage is unavailable right now; nothing was stored. Retry later.", retryAfter);

    [Fact]
    public async Task A503IsSentAgainAfterTheSecondsRetryAfterGives()
    {
        var api = Service(() => Unavailable(TimeSpan.FromSeconds(5)));
        var client = Clients.Create(api, _time);

        var call = client.GetMakesAsync();
        Assert.Equal(TimeSpan.FromSeconds(5), _time.NextWait());
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var makes = await call;

        Assert.Equal([new VehicleMake("energica", "Energica")], makes);
        Assert.Equal(2, api.To("get_makes").Count);
    }

    [Fact]
    public async Task ARetryAfterDateIsWaitedForUntilThatTime()
    {
        var api = Service(() =>
        {
            var answer = Unavailable(null);
            answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(7));
            return answer;
        });
        var client = Clients.Create(api, _time);

        var call = client.GetMakesAsync();
        Assert.Equal(TimeSpan.FromSeconds(7), _time.NextWait());
        _time.Advance(TimeSpan.FromSeconds(7));

        await call;
        Assert.Equal(2, api.To("get_makes").Count);
    }

    [Fact]
    public async Task WithoutRetryAfterTheWaitsDoubleFromOneSecond()
    {
        var api = Service(() => Unavailable(null), () => Unavailable(null), () => Unavailable(null));
        var client = Clients.Create(api, _time);

        var call = client.GetMakesAsync();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            waits.Add(_time.NextWait());
            _time.Advance(waits[^1]);
        }

        await call;
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits);
    }

    [Fact]
    public async Task AfterMaxRetriesTheLast503IsThrownWithItsRetryAfter()
    {
        var api = Service(Enumerable.Repeat(() => Unavailable(TimeSpan.FromSeconds(5)), 10).ToArray());
        var client = Clients.Create(api, _time, o => o.MaxRetries = 2);

        var call = client.GetMakesAsync();
        for (var i = 0; i < 2; i++)
            _time.Advance(_time.NextWait());
        var error = await Assert.ThrowsAsync<EvMonitorApiException>(() => call);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.Equal(ErrorCodes.StorageUnavailable, error.Code);
        Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
        Assert.True(error.IsRetryable);
        Assert.Equal(3, api.To("get_makes").Count);
    }

    [Fact]
    public async Task ALoginLockedForLongerThanMaxRetryWaitIsThrownAtOnce()
    {
        var api = new FakeApi(_ => FakeApi.Error(HttpStatusCode.TooManyRequests, ErrorCodes.TooManyAttempts,
            "Too many failed logins. Try again in 60 seconds.", TimeSpan.FromSeconds(60)));
        var client = Clients.Create(api, _time);

        var error = await Assert.ThrowsAsync<EvMonitorApiException>(() => client.LoginAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);
        Assert.Single(api.Requests);
        Assert.False(_time.AnyWaitStarted);
    }

    [Fact]
    public async Task CancellingDuringTheWaitEndsTheCallWithoutSendingAgain()
    {
        var api = Service(() => Unavailable(TimeSpan.FromSeconds(5)));
        var client = Clients.Create(api, _time);
        using var cancel = new CancellationTokenSource();

        var call = client.GetMakesAsync(cancel.Token);
        _time.NextWait();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(api.To("get_makes"));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed)]
    [InlineData(HttpStatusCode.NotFound, ErrorCodes.MakeNotFound)]
    [InlineData(HttpStatusCode.InternalServerError, ErrorCodes.InternalError)]
    public async Task OtherErrorsAreThrownWithoutRetrying(HttpStatusCode status, string code)
    {
        var api = Service(() => FakeApi.Error(status, code, retryAfter: TimeSpan.FromSeconds(1)));
        var client = Clients.Create(api, _time);

        var error = await Assert.ThrowsAsync<EvMonitorApiException>(() => client.GetMakesAsync());

        Assert.Equal(code, error.Code);
        Assert.False(error.IsRetryable);
        Assert.Single(api.To("get_makes"));
    }
}
