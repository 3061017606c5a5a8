using System.Net;
using EvMonitor.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.Client.Tests.Integration;

/// <summary>The client against the real service (the local host over HTTP, storage in Azurite).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClientAgainstServiceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ShiftedClock _serviceClock = new();
    private readonly HttpClient _http = new();
    private RunningService _service = null!;

    public async Task InitializeAsync() =>
        _service = await RunningService.StartAsync(azurite, configure: b => b.Services.AddSingleton<TimeProvider>(_serviceClock));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
    }

    private EvMonitorClient ClientFor(TestAccount account) =>
        new(_http, new EvMonitorClientOptions { BaseAddress = _service.Client.BaseAddress, Username = account.Email, Password = account.Password });

    /// <summary>A whole minute an hour ago: well inside what a push accepts.</summary>
    private static readonly DateTimeOffset Base = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 - 3600);

    private static TelemetrySnapshot Snapshot(int i) => new()
    {
        Timestamp = Base.AddSeconds(i),
        General = new() { Speed = i % 180, State = VehicleState.On, Odometer = 12000 + i },
        Motors = { [0] = new() { Rpm = 5000 + i }, [1] = new() { Rpm = 4990 + i, Temp = 61 } },
        Batteries = { [0] = new() { Soc = 80 - i % 50, V = 398 } },
        Gps = i % 3 == 0 ? new(44.6471 + i / 100_000.0, 10.9252, 5) { Alt = 35.5 } : null,
    };

    private static async Task<List<StoredSnapshot>> HistoryWhenStoredAsync(EvMonitorClient client, string vehicleId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<StoredSnapshot> history;
        do
        {
            await Task.Delay(200);
            history = await client.ReadHistoryAsync(vehicleId, Base, Base.AddHours(1)).ToListAsync();
        }
        while (history.Count < expected && DateTime.UtcNow < deadline);
        return history;
    }

    [Fact]
    public async Task SnapshotsPushedThroughThePusherAreReadBackExactlyByGetHistory()
    {
        var account = await _service.CreateAccountAsync();
        var client = ClientFor(account);
        var vehicle = Assert.Single(await client.GetVehiclesAsync());
        var pushed = Enumerable.Range(0, 1500).Select(Snapshot).ToList();

        await using (var pusher = client.CreatePusher(vehicle.Id, new() { UserAgent = "Client tests" }))
        {
            foreach (var snapshot in pushed)
                await pusher.AddAsync(snapshot);
        }
        var history = await HistoryWhenStoredAsync(client, vehicle.Id, pushed.Count);

        Assert.Equal(account.VehicleId, vehicle.Id);
        Assert.Equal(new Vehicle(account.VehicleId, account.UserId, "energica", "energica-ss9", "The Rocket", "0", "UTC"), vehicle);
        Assert.Equal(pushed.Select(s => s.Timestamp), history.Select(s => s.Timestamp));
        foreach (var (sent, stored) in pushed.Zip(history))
        {
            Assert.Equal(sent.General, stored.General);
            Assert.Equal("on", stored.StateName);
            Assert.Equal(sent.Motors, stored.Motors);
            Assert.Equal(sent.Batteries, stored.Batteries);
            Assert.Equal(sent.Gps, stored.Gps);
            Assert.Equal("Client tests", stored.UserAgent);
        }
        var latest = await client.GetLatestAsync(vehicle.Id);
        Assert.Equal(pushed[^1].Timestamp, latest!.Timestamp);
    }

    [Fact]
    public async Task APushWithOneInvalidSnapshotIsRefusedWholeNamingTheFieldAndNothingOfItIsStored()
    {
        var account = await _service.CreateAccountAsync();
        var client = ClientFor(account);
        var pusher = client.CreatePusher(account.VehicleId);
        var invalid = new TelemetrySnapshot { Timestamp = Base.AddSeconds(1), General = new() { State = 5 } };

        await pusher.AddAsync(Snapshot(0));
        await pusher.AddAsync(invalid);
        var refused = await Assert.ThrowsAsync<PushRejectedException>(() => pusher.FlushAsync());
        await pusher.AddAsync(Snapshot(2));
        await pusher.DisposeAsync();
        var history = await HistoryWhenStoredAsync(client, account.VehicleId, 1);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
        Assert.Equal("data[1][general][state]", Assert.Single(refused.FieldErrors).Field);
        Assert.Equal([Snapshot(0).Timestamp, invalid.Timestamp], refused.Snapshots.Select(s => s.Timestamp));
        // Only the later push is stored: the refused one left nothing, not even its valid snapshot.
        Assert.Equal([Base.AddSeconds(2)], history.Select(s => s.Timestamp));
    }

    [Fact]
    public async Task AnAccountIsRegisteredAndItsVehiclesManagedWithTypedAnswersAndErrors()
    {
        var registrar = new EvMonitorClient(_http, new EvMonitorClientOptions { BaseAddress = _service.Client.BaseAddress });
        var email = $"ann-{Guid.NewGuid():N}@example.com";
        var userId = await registrar.RegisterAsync(email, "long enough", "Ann");
        var taken = await Assert.ThrowsAsync<EvMonitorApiException>(() => registrar.RegisterAsync(email.ToUpperInvariant(), "long enough"));
        var client = ClientFor(new TestAccount(email, "long enough", userId, ""));

        var makes = await client.GetMakesAsync();
        var models = await client.GetModelsAsync("energica");
        var added = await client.AddVehicleAsync("energica", "energica-ego", "Bolt");
        var renamed = await client.UpdateVehicleAsync(added.Id, "Lightning");
        var latest = await client.GetLatestAsync(added.Id);
        await client.DeleteVehicleAsync(added.Id);
        var gone = await Assert.ThrowsAsync<EvMonitorApiException>(() => client.GetLatestAsync(added.Id));
        var noMake = await Assert.ThrowsAsync<EvMonitorApiException>(() => client.GetMakeAsync("no-such-make"));

        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.EmailTaken), (taken.Status, taken.Code));
        Assert.Contains(new VehicleMake("energica", "Energica"), makes);
        Assert.Contains(new VehicleModel("energica-ego", "energica", "Ego"), models);
        Assert.All(models, m => Assert.Equal("energica", m.Make));
        Assert.Equal("Energica", await client.GetMakeAsync("energica"));
        Assert.Equal("Ego", await client.GetModelAsync("energica-ego"));
        Assert.Equal(new Vehicle(added.Id, userId, "energica", "energica-ego", "Bolt", "0", "UTC"), added);
        Assert.Equal(added with { Nickname = "Lightning" }, renamed);
        Assert.Null(latest);
        Assert.Empty(await client.GetVehiclesAsync());
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.VehicleNotFound), (gone.Status, gone.Code));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.MakeNotFound), (noMake.Status, noMake.Code));
    }

    [Fact]
    public async Task AWrongPasswordIsInvalidCredentials()
    {
        var account = await _service.CreateAccountAsync();
        var client = ClientFor(account with { Password = "not the password" });

        var error = await Assert.ThrowsAsync<EvMonitorApiException>(() => client.GetVehiclesAsync());

        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials), (error.Status, error.Code));
    }

    [Fact]
    public async Task WhenTheServiceCountsTheTokenExpiredTheClientLogsInAgainAndTheCallSucceeds()
    {
        var account = await _service.CreateAccountAsync();
        var client = ClientFor(account);
        await client.LoginAsync();

        // The service's clock runs ahead by 10 minutes: by its count the token has expired, while
        // by the client's it is fresh, so only the TOKEN_EXPIRED answer can make the client renew.
        _serviceClock.Advance(TimeSpan.FromMinutes(10));
        var vehicles = await client.GetVehiclesAsync();

        Assert.Equal(account.VehicleId, Assert.Single(vehicles).Id);
    }
}
