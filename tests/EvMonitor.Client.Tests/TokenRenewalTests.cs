using System.Net;
using System.Text.Json.Nodes;
using EvMonitor.Client.Tests.Support;

namespace EvMonitor.Client.Tests;

/// <summary>
/// The client logs in by itself, renews the token a minute before its 10 minutes (docs/api.md,
/// login) run out, and logs in once more when the service answers TOKEN_EXPIRED.
/// </summary>
public sealed class TokenRenewalTests
{
    private readonly WatchedTime _time = new();
    private int _logins;

    private FakeApi Service(Func<RecordedRequest, HttpResponseMessage>? other = null, DateTimeOffset? serverNow = null) => new(request =>
        request.Endpoint == "login"
            ? FakeApi.Login($"token{Interlocked.Increment(ref _logins)}", serverNow ?? _time.GetUtcNow())
            : other?.Invoke(request) ?? FakeApi.Ok(new JsonObject { ["vehicles"] = new JsonArray() }));

    [Fact]
    public async Task ATokenIsUsedUntilOneMinuteBeforeItExpiresThenANewOneIsFetched()
    {
        var api = Service();
        var client = Clients.Create(api, _time);

        await client.GetVehiclesAsync();
        _time.Advance(TimeSpan.FromMinutes(9) - TimeSpan.FromSeconds(1));
        await client.GetVehiclesAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        await client.GetVehiclesAsync();

        Assert.Equal(2, api.To("login").Count);
        Assert.Equal(["token1", "token1", "token2"], api.To("get_vehicles").Select(r => r.BearerToken));
        Assert.Equal("""{"username":"rider@example.com","password":"a long password"}""", api.To("login")[0].Body);
    }

    [Fact]
    public async Task TheLifetimeIsCountedFromTheAnswersDateSoASkewedLocalClockStillRenewsOnTime()
    {
        // The service's clock is 30 minutes behind: by the local clock the token's "expires" has passed.
        var api = Service(serverNow: _time.GetUtcNow().AddMinutes(-30));
        var client = Clients.Create(api, _time);

        await client.GetVehiclesAsync();
        await client.GetVehiclesAsync();
        _time.Advance(TimeSpan.FromMinutes(9));
        await client.GetVehiclesAsync();

        Assert.Equal(["token1", "token1", "token2"], api.To("get_vehicles").Select(r => r.BearerToken));
    }

    [Fact]
    public async Task TokenExpiredIsAnsweredByOneNewLoginAndTheCallSentAgain()
    {
        var expiredOnce = 0;
        var api = Service(request => request.BearerToken == "token1" && Interlocked.Increment(ref expiredOnce) == 1
            ? FakeApi.Error(HttpStatusCode.Unauthorized, ErrorCodes.TokenExpired, "The token has expired; log in again.")
            : null!);
        var client = Clients.Create(api, _time);

        var vehicles = await client.GetVehiclesAsync();

        Assert.Empty(vehicles);
        Assert.Equal(["token1", "token2"], api.To("get_vehicles").Select(r => r.BearerToken));
    }

    [Fact]
    public async Task TokenExpiredAgainRightAfterANewLoginIsThrownRatherThanLoopedOn()
    {
        var api = Service(_ => FakeApi.Error(HttpStatusCode.Unauthorized, ErrorCodes.TokenExpired, "The token has expired; log in again."));
        var client = Clients.Create(api, _time);

        var error = await Assert.ThrowsAsync<EvMonitorApiException>(() => client.GetVehiclesAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal(ErrorCodes.TokenExpired, error.Code);
        Assert.Equal(2, api.To("login").Count);
        Assert.Equal(2, api.To("get_vehicles").Count);
    }

    [Fact]
    public async Task CallsMadeAtTheSameTimeShareOneLogin()
    {
        var api = Service();
        var client = Clients.Create(api, _time);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => client.GetVehiclesAsync())));

        Assert.Single(api.To("login"));
        Assert.Equal(20, api.To("get_vehicles").Count);
    }

    [Fact]
    public async Task ACallThatNeedsALoginWithoutCredentialsSaysWhatIsMissing()
    {
        var api = Service();
        var client = Clients.Create(api, _time, o => o.Password = null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetVehiclesAsync());

        Assert.Contains("Username and Password", error.Message);
        Assert.Empty(api.Requests);
    }
}
