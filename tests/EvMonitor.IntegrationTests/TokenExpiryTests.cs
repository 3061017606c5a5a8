using System.Net;
using EvMonitor.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.IntegrationTests;

/// <summary>Tokens expire 10 minutes after login; the service's clock is moved forward rather than waited for.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TokenExpiryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ShiftedClock _clock = new();
    private RunningService _service = null!;

    public async Task InitializeAsync() =>
        _service = await RunningService.StartAsync(azurite, configure: b => b.Services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task ATokenWorksForTenMinutesThenAnswersTokenExpired()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);

        _clock.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(50));
        var shortlyBefore = await _service.Client.PostFormAsync("get_vehicles", ("token", token));
        _clock.Advance(TimeSpan.FromSeconds(10));
        var getVehicles = await _service.Client.PostFormAsync("get_vehicles", ("token", token));
        var getMake = await _service.Client.SendAsync("get_make", WireCalls.RawBody("""{"make":"energica"}""", "application/json"), bearerToken: token);
        var push = await _service.Client.PostFormAsync("push", SeedExample.Form(token, account.VehicleId, _clock.GetUtcNow().ToUnixTimeSeconds()));

        Assert.Equal(HttpStatusCode.OK, shortlyBefore.Status);
        foreach (var answer in new[] { getVehicles, getMake, push })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
            Assert.Equal("TOKEN_EXPIRED", answer.Code);
            Assert.Contains("log in again", (string)answer.Body["error"]!, StringComparison.OrdinalIgnoreCase);
        }

        var renewed = await _service.Client.LoginAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await _service.Client.PostFormAsync("get_vehicles", ("token", renewed))).Status);
    }
}
