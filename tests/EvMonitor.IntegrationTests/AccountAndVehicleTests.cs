using System.Net;
using Azure.Data.Tables;
using EvMonitor.Client;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using Microsoft.Extensions.DependencyInjection;
using EvMonitor.Telemetry;

namespace EvMonitor.IntegrationTests;

/// <summary>Signing up, picking a make and model, adding, renaming and deleting a vehicle, over HTTP against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AccountAndVehicleTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private HttpClient Client => _service.Client;

    [Fact]
    public async Task ANewUserPicksAMakeAndModelAndGetVehiclesShowsTheVehicleAdded()
    {
        var (email, password, userId) = await Client.RegisterAsync();
        var app = Client.ClientFor(email, password);

        Assert.Contains(new VehicleMake("energica", "Energica"), await app.GetMakesAsync());
        var models = await app.GetModelsAsync("energica");
        Assert.Contains(new VehicleModel("energica-ss9", "energica", "SS9"), models);
        Assert.All(models, m => Assert.Equal("energica", m.Make));

        var added = await app.AddVehicleAsync("energica", "energica-ss9", "The Rocket");

        Assert.Equal(userId, added.UserId);
        Assert.Equal(("energica", "energica-ss9", "The Rocket", "0"), (added.Make, added.Model, added.Nickname, added.Plan));
        Assert.Equal(added, Assert.Single(await app.GetVehiclesAsync()));
        Assert.Equal(1, await app.PushAsync(added.Id, [new TelemetrySnapshot { Timestamp = DateTimeOffset.UtcNow }]));
    }

    [Fact]
    public async Task RegisteringAnEmailTakenInAnyCaseAnswersEmailTakenAndKeepsTheFirstAccount()
    {
        var (email, password, userId) = await Client.RegisterAsync();

        var again = await Assert.ThrowsAsync<EvMonitorApiException>(() => Client.ClientFor().RegisterAsync(email.ToUpperInvariant(), "another-password"));

        Assert.Equal((HttpStatusCode.Conflict, "EMAIL_TAKEN"), (again.Status, again.Code));
        await Client.LoginAsync(new TestAccount(email, password, userId, ""));
    }

    [Fact]
    public async Task RegisterRefusesAShortPasswordNamingTheField()
    {
        var answer = await Client.PostMultipartAsync("register", ("username", "short@example.com"), ("password", "1234567"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("password", (string?)answer.Body["errors"]![0]!["field"]);
        Assert.Contains("at least 8", (string?)answer.Body["error"]);
        var login = await Client.PostFormAsync("login", ("username", "short@example.com"), ("password", "1234567"));
        Assert.Equal(HttpStatusCode.Unauthorized, login.Status);
    }

    [Fact]
    public async Task AddVehicleRefusesAModelOfAnotherMake()
    {
        var app = Client.ClientFor(await _service.CreateAccountAsync());

        var refused = await Assert.ThrowsAsync<EvMonitorApiException>(() => app.AddVehicleAsync("energica", "zero-motorcycles-sr-f", "Mixed"));

        Assert.Equal((HttpStatusCode.NotFound, "MODEL_NOT_FOUND"), (refused.Status, refused.Code));
        Assert.Single(await app.GetVehiclesAsync());
    }

    [Fact]
    public async Task UpdateVehicleRenamesWhatGetVehiclesShows()
    {
        var account = await _service.CreateAccountAsync();
        var app = Client.ClientFor(account);

        var renamed = await app.UpdateVehicleAsync(account.VehicleId, "Lightning");

        Assert.Equal("Lightning", renamed.Nickname);
        var listed = Assert.Single(await app.GetVehiclesAsync());
        Assert.Equal(renamed, listed);
        Assert.Equal("energica-ss9", listed.Model);
    }

    [Fact]
    public async Task FiftyRenamesAtTheSameMomentAllSucceedAndOneOfThemWinsWhole()
    {
        var account = await _service.CreateAccountAsync();
        var app = Client.ClientFor(account);
        await app.LoginAsync();
        var names = Enumerable.Range(0, 50).Select(i => $"Rename {i:D2} " + new string((char)('a' + i % 26), 40)).ToList();

        var renamed = await Task.WhenAll(names.Select(n => app.UpdateVehicleAsync(account.VehicleId, n)));

        Assert.Equal(names, renamed.Select(v => v.Nickname));
        var listed = Assert.Single(await app.GetVehiclesAsync());
        Assert.Contains(listed.Nickname, names);
        Assert.Equal(("energica", "energica-ss9", "0"), (listed.Make, listed.Model, listed.Plan));
    }

    [Fact]
    public async Task ARenameOfAVehicleDeletedMeanwhileAnswersNotFoundAndDoesNotBringItBack()
    {
        var account = await _service.CreateAccountAsync();
        var vehicles = _service.Services.GetRequiredService<IVehicleStore>();
        await vehicles.DeleteAsync(account.UserId, account.VehicleId);

        var renamed = await vehicles.UpdateAsync(account.UserId, account.VehicleId, "Ghost", null);

        Assert.Null(renamed);
        Assert.Empty(await vehicles.ListAsync(account.UserId));
    }

    [Fact]
    public async Task DeleteVehicleErasesTheVehicleAndAllItsTelemetry()
    {
        var account = await _service.CreateAccountAsync();
        var app = Client.ClientFor(account);
        var keep = await app.AddVehicleAsync("energica", "energica-ss9", "Keeper");
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600;
        // 60 snapshots with 2 motors each: 181 rows with the latest pointer, more than one transaction holds.
        var snapshots = Enumerable.Range(0, 60).Select(i => new PushedSnapshot(start + i, i, MotorRpms: [1000, 1001])).ToTelemetrySnapshots();
        await app.PushAsync(account.VehicleId, snapshots, "My cool app");
        await app.PushAsync(keep.Id, snapshots[..1], "My cool app");
        var telemetry = _service.Storage.Table(_service.Storage.Names.Telemetry);
        await ApiCalls.EventuallyAsync(async () =>
            await telemetry.QueryAsync<TableEntity>(e => e.PartitionKey == account.VehicleId).CountAsync() == 181
            && await telemetry.QueryAsync<TableEntity>(e => e.PartitionKey == keep.Id).CountAsync() == 4);

        await app.DeleteVehicleAsync(account.VehicleId);

        // All that remains is the marker that stops pushes still queued from being written.
        var left = Assert.Single(await telemetry.QueryAsync<TableEntity>(e => e.PartitionKey == account.VehicleId).ToListAsync());
        Assert.Equal((TelemetryRows.LatestRowKey, true, null), (left.RowKey, left.GetBoolean("Deleted"), left.GetInt64("UnixTime")));
        Assert.Equal([keep.Id], (await app.GetVehiclesAsync()).Select(v => v.Id));
        var owners = _service.Storage.Table(_service.Storage.Names.VehicleOwners);
        Assert.False((await owners.GetEntityIfExistsAsync<TableEntity>(account.VehicleId, "")).HasValue);
        foreach (var call in new Func<Task>[] { () => app.GetLatestAsync(account.VehicleId), () => app.DeleteVehicleAsync(account.VehicleId), () => app.PushAsync(account.VehicleId, snapshots[..1]) })
        {
            var gone = await Assert.ThrowsAnyAsync<EvMonitorApiException>(call);
            Assert.Equal((HttpStatusCode.NotFound, "VEHICLE_NOT_FOUND"), (gone.Status, gone.Code));
        }
        // The other vehicle keeps its data.
        Assert.Equal(4, await telemetry.QueryAsync<TableEntity>(e => e.PartitionKey == keep.Id).CountAsync());
    }

    [Fact]
    public async Task DeleteVehicleSentAgainFinishesADeleteThatStoppedPartWay()
    {
        var account = await _service.CreateAccountAsync();
        // As if a delete had erased the telemetry and the listing, then failed before the ownership index.
        await _service.Storage.Table(_service.Storage.Names.Vehicles).DeleteEntityAsync(account.UserId, account.VehicleId);

        await Client.ClientFor(account).DeleteVehicleAsync(account.VehicleId);

        var owners = _service.Storage.Table(_service.Storage.Names.VehicleOwners);
        Assert.False((await owners.GetEntityIfExistsAsync<TableEntity>(account.VehicleId, "")).HasValue);
    }

    [Fact]
    public async Task CatalogListsNeedATokenAndAKnownMake()
    {
        var account = await _service.CreateAccountAsync();
        var token = await Client.LoginAsync(account);

        Assert.Equal("TOKEN_REQUIRED", (await Client.PostFormAsync("get_makes")).Code);
        Assert.Equal("TOKEN_REQUIRED", (await Client.PostFormAsync("get_models", ("make", "energica"))).Code);
        var unknown = await Client.PostFormAsync("get_models", ("token", token), ("make", "no-such-make"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("MAKE_NOT_FOUND", unknown.Code);
        var all = await Client.PostFormAsync("get_models", ("token", token));
        Assert.True(all.Body["models"]!.AsArray().Select(m => (string?)m!["make"]).Distinct().Count() > 1);
    }
}
