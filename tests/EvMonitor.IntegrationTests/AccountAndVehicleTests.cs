using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
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
        var token = await Client.LoginAsync(new TestAccount(email, password, userId, ""));

        var makes = await Client.PostFormAsync("get_makes", ("token", token));
        Assert.Equal(HttpStatusCode.OK, makes.Status);
        Assert.Contains(makes.Body["makes"]!.AsArray(), m => (string?)m!["id"] == "energica" && (string?)m["name"] == "Energica");
        var models = await Client.PostMultipartAsync("get_models", ("token", token), ("make", "energica"));
        Assert.Equal(HttpStatusCode.OK, models.Status);
        Assert.Contains(models.Body["models"]!.AsArray(), m => (string?)m!["id"] == "energica-ss9" && (string?)m["name"] == "SS9");
        Assert.All(models.Body["models"]!.AsArray(), m => Assert.Equal("energica", (string?)m!["make"]));

        var added = await Client.AddVehicleAsync(token, "The Rocket");

        Assert.Equal(userId, (string?)added["user_id"]);
        Assert.Equal(["energica", "energica-ss9", "The Rocket", "0"], new[] { "make", "model", "nickname", "plan" }.Select(k => (string?)added[k]));
        var listed = Assert.Single(await Client.VehiclesAsync(token));
        Assert.True(JsonNode.DeepEquals(added, listed), listed.ToJsonString());
        var push = await Client.PostFormAsync("push", ("token", token), ("vehicle_id", (string)added["id"]!), ("data[0][timestamp]", $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}"));
        Assert.Equal(HttpStatusCode.OK, push.Status);
    }

    [Fact]
    public async Task RegisteringAnEmailTakenInAnyCaseAnswersEmailTakenAndKeepsTheFirstAccount()
    {
        var (email, password, userId) = await Client.RegisterAsync();

        var again = await Client.PostJsonAsync("register", new JsonObject { ["username"] = email.ToUpperInvariant(), ["password"] = "another-password" });

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("EMAIL_TAKEN", again.Code);
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
        var account = await _service.CreateAccountAsync();
        var token = await Client.LoginAsync(account);

        var answer = await Client.PostFormAsync("add_vehicle", ("token", token), ("make", "energica"), ("model", "zero-motorcycles-sr-f"), ("nickname", "Mixed"));

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("MODEL_NOT_FOUND", answer.Code);
        Assert.Single(await Client.VehiclesAsync(token));
    }

    [Fact]
    public async Task UpdateVehicleRenamesWhatGetVehiclesShows()
    {
        var account = await _service.CreateAccountAsync();
        var token = await Client.LoginAsync(account);

        var answer = await Client.PostJsonAsync("update_vehicle", new JsonObject { ["token"] = token, ["vehicle_id"] = account.VehicleId, ["nickname"] = "Lightning" });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Lightning", (string?)answer.Body["vehicle"]!["nickname"]);
        var listed = Assert.Single(await Client.VehiclesAsync(token));
        Assert.Equal("Lightning", (string?)listed["nickname"]);
        Assert.Equal("energica-ss9", (string?)listed["model"]);
    }

    [Fact]
    public async Task FiftyRenamesAtTheSameMomentAllSucceedAndOneOfThemWinsWhole()
    {
        var account = await _service.CreateAccountAsync();
        var token = await Client.LoginAsync(account);
        var names = Enumerable.Range(0, 50).Select(i => $"Rename {i:D2} " + new string((char)('a' + i % 26), 40)).ToList();

        var answers = await Task.WhenAll(names.Select(n =>
            Client.PostFormAsync("update_vehicle", ("token", token), ("vehicle_id", account.VehicleId), ("nickname", n))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(names, answers.Select(a => (string?)a.Body["vehicle"]!["nickname"]));
        var listed = Assert.Single(await Client.VehiclesAsync(token));
        Assert.Contains((string?)listed["nickname"], names);
        Assert.Equal(["energica", "energica-ss9", "0"], new[] { "make", "model", "plan" }.Select(k => (string?)listed[k]));
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
        var token = await Client.LoginAsync(account);
        var keep = await Client.AddVehicleAsync(token, "Keeper");
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600;
        // 60 snapshots with 2 motors each: 181 rows with the latest pointer, more than one transaction holds.
        var snapshots = Enumerable.Range(0, 60).Select(i => new PushedSnapshot(start + i, i, MotorRpms: [1000, 1001])).ToList();
        await Client.PushAsync(token, account.VehicleId, "My cool app", snapshots);
        await Client.PushAsync(token, (string)keep["id"]!, "My cool app", snapshots.Take(1));
        var telemetry = _service.Storage.Table(_service.Storage.Names.Telemetry);
        await ApiCalls.EventuallyAsync(async () =>
            await telemetry.QueryAsync<TableEntity>(e => e.PartitionKey == account.VehicleId).CountAsync() == 181
            && await telemetry.QueryAsync<TableEntity>(e => e.PartitionKey == (string)keep["id"]!).CountAsync() == 4);

        var answer = await Client.PostFormAsync("delete_vehicle", ("token", token), ("vehicle_id", account.VehicleId));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        // All that remains is the marker that stops pushes still queued from being written.
        var left = Assert.Single(await telemetry.QueryAsync<TableEntity>(e => e.PartitionKey == account.VehicleId).ToListAsync());
        Assert.Equal((TelemetryRows.LatestRowKey, true, null), (left.RowKey, left.GetBoolean("Deleted"), left.GetInt64("UnixTime")));
        Assert.Equal([(string)keep["id"]!], (await Client.VehiclesAsync(token)).Select(v => (string?)v["id"]));
        var owners = _service.Storage.Table(_service.Storage.Names.VehicleOwners);
        Assert.False((await owners.GetEntityIfExistsAsync<TableEntity>(account.VehicleId, "")).HasValue);
        foreach (var endpoint in new[] { "get_latest", "delete_vehicle" })
            Assert.Equal(HttpStatusCode.NotFound, (await Client.PostFormAsync(endpoint, ("token", token), ("vehicle_id", account.VehicleId))).Status);
        var push = await Client.PostFormAsync("push", ("token", token), ("vehicle_id", account.VehicleId), ("data[0][timestamp]", $"{start}"));
        Assert.Equal("VEHICLE_NOT_FOUND", push.Code);
        // The other vehicle keeps its data.
        Assert.Equal(4, await telemetry.QueryAsync<TableEntity>(e => e.PartitionKey == (string)keep["id"]!).CountAsync());
    }

    [Fact]
    public async Task DeleteVehicleSentAgainFinishesADeleteThatStoppedPartWay()
    {
        var account = await _service.CreateAccountAsync();
        var token = await Client.LoginAsync(account);
        // As if a delete had erased the telemetry and the listing, then failed before the ownership index.
        await _service.Storage.Table(_service.Storage.Names.Vehicles).DeleteEntityAsync(account.UserId, account.VehicleId);

        var answer = await Client.PostFormAsync("delete_vehicle", ("token", token), ("vehicle_id", account.VehicleId));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
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
