using System.Net;
using EvMonitor.Cli;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Journeys;
using EvMonitor.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.IntegrationTests;

/// <summary>Logout and the operator's user delete: the tokens concerned stop working at once, on every instance.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RevokedTokenTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _prefix = AzuriteFixture.NewPrefix();
    private RunningService _service = null!;
    private RunningService _other = null!;

    // Two instances of the service on the same storage, as two Functions instances would be.
    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string> { ["EvMonitor:StoragePrefix"] = _prefix };
        _service = await RunningService.StartAsync(azurite, settings);
        _other = await RunningService.StartAsync(azurite, settings);
    }

    public async Task DisposeAsync()
    {
        await _other.DisposeAsync();
        await _service.DisposeAsync();
    }

    private static Task<WireCalls.Answer> GetVehiclesAsync(RunningService service, string token) =>
        service.Client.PostFormAsync("get_vehicles", ("token", token));

    [Fact]
    public async Task LogoutRevokesTheTokenItIsCalledWithOnEveryInstanceAndNoOther()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);
        var kept = await _service.Client.LoginAsync(account);
        // Both instances have just used the token.
        Assert.Equal(HttpStatusCode.OK, (await GetVehiclesAsync(_service, token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetVehiclesAsync(_other, token)).Status);

        var answer = await _service.Client.SendAsync("logout", null, bearerToken: token);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("""{"SUCCESS":"OK"}""", answer.Body.ToJsonString());
        Assert.Equal("TOKEN_INVALID", (await GetVehiclesAsync(_service, token)).Code);
        Assert.Equal("TOKEN_INVALID", (await GetVehiclesAsync(_other, token)).Code);
        Assert.Equal(HttpStatusCode.OK, (await GetVehiclesAsync(_other, kept)).Status);
        Assert.Equal("TOKEN_INVALID", (await _service.Client.PostFormAsync("logout", ("token", token))).Code);
        Assert.Equal("TOKEN_REQUIRED", (await _service.Client.PostFormAsync("logout")).Code);
    }

    [Fact]
    public async Task UserDeleteRemovesTheUserTheirVehiclesTelemetryTripsAndEveryTokenAtOnce()
    {
        var account = await _service.CreateAccountAsync();
        var bystander = await _service.CreateAccountAsync();
        var tokens = new[] { await _service.Client.LoginAsync(account), await _other.Client.LoginAsync(account) };
        var bystanderToken = await _service.Client.LoginAsync(bystander);
        // By hand with these tokens: the client would log in for a token of its own, one more to revoke.
        var second = (string)(await _service.Client.PostFormAsync("add_vehicle", ("token", tokens[0]), ("make", "energica"), ("model", "energica-ss9"), ("nickname", "Second"))).Body["vehicle"]!["id"]!;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        // Driving (state 1), so each vehicle has a trip derived too.
        foreach (var (token, vehicleId) in new[] { (tokens[0], account.VehicleId), (tokens[1], second) })
        {
            var push = await _service.Client.PostFormAsync("push", ("token", token), ("vehicle_id", vehicleId),
                ("data[0][timestamp]", $"{now}"), ("data[0][general][speed]", "80"), ("data[0][general][state]", "1"));
            Assert.Equal(HttpStatusCode.OK, push.Status);
        }
        await ApiCalls.EventuallyAsync(async () => (await TableRows.PartitionOfAsync(_service.Storage, account.VehicleId)).Any(r => r.RowKey.StartsWith(JourneyRows.TripPrefix, StringComparison.Ordinal)));
        foreach (var token in tokens)
            Assert.Equal(HttpStatusCode.OK, (await GetVehiclesAsync(_other, token)).Status);

        var stdout = new StringWriter();
        var exitCode = await OperatorCli.RunAsync(["user", "delete", "--email", account.Email.ToUpperInvariant()], Configuration(), stdout, new StringWriter());

        Assert.Equal(0, exitCode);
        Assert.Contains("\"vehicles_deleted\":2", stdout.ToString());
        Assert.Contains("\"tokens_revoked\":2", stdout.ToString());
        foreach (var service in new[] { _service, _other })
        {
            foreach (var token in tokens)
                Assert.Equal("TOKEN_INVALID", (await GetVehiclesAsync(service, token)).Code);
        }
        Assert.Equal("INVALID_CREDENTIALS", (await _service.Client.PostFormAsync("login", ("username", account.Email), ("password", account.Password))).Code);
        Assert.Empty(await _service.Services.GetRequiredService<IVehicleStore>().ListAsync(account.UserId));
        foreach (var vehicleId in new[] { account.VehicleId, second })
            Assert.All(await TableRows.PartitionOfAsync(_service.Storage, vehicleId), r => Assert.Equal("latest", r.RowKey)); // only the deleted marker
        Assert.Equal(HttpStatusCode.OK, (await GetVehiclesAsync(_other, bystanderToken)).Status);
        // The address is free again.
        Assert.Equal(HttpStatusCode.OK, (await _service.Client.PostFormAsync("register", ("username", account.Email), ("password", "a-new-password"))).Status);
    }

    [Fact]
    public async Task UserDeleteOfAnUnknownEmailAnswers404()
    {
        var stderr = new StringWriter();

        var exitCode = await OperatorCli.RunAsync(["user", "delete", "--email", "nobody@example.com"], Configuration(), new StringWriter(), stderr);

        Assert.Equal(1, exitCode);
        Assert.Contains("\"code\":\"NOT_FOUND\"", stderr.ToString());
    }

    private IConfiguration Configuration() => azurite.Configuration(_prefix);
}
