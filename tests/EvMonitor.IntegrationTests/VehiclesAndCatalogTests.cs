using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvMonitor.Accounts;
using EvMonitor.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using static EvMonitor.IntegrationTests.Support.WireCalls;

namespace EvMonitor.IntegrationTests;

[Collection(AzuriteCollection.Name)]
public sealed class VehiclesAndCatalogTests(SharedService shared) : IClassFixture<SharedService>
{
    private RunningService Service => shared.Service;

    [Theory]
    [InlineData(BodyKind.Form)]
    [InlineData(BodyKind.Multipart)]
    [InlineData(BodyKind.Json)]
    [InlineData(BodyKind.SniffedForm)]
    [InlineData(BodyKind.SniffedJson)]
    public async Task GetVehiclesListsOnlyTheCallersVehiclesWithEveryValueAString(BodyKind kind)
    {
        var account = await Service.CreateAccountAsync();
        var second = (await Service.Services.GetRequiredService<AccountService>()
            .AddVehicleAsync(account.UserId, "energica", "energica-eva-ribelle", "Weekend bike", "1")).Vehicle;
        Assert.NotNull(second);
        var someoneElse = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);

        var answer = await Service.Client.PostAsync(kind, "get_vehicles", ("token", token));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var vehicles = answer.Body["vehicles"]!.AsArray().Select(v => v!.AsObject()).OrderBy(v => (string)v["nickname"]!).ToList();
        Assert.Equal(["The Rocket", "Weekend bike"], vehicles.Select(v => (string)v["nickname"]!));
        Assert.DoesNotContain(vehicles, v => (string)v["id"]! == someoneElse.VehicleId);
        foreach (var vehicle in vehicles)
        {
            Assert.Equal(["id", "user_id", "make", "model", "nickname", "plan", "time_zone"], vehicle.Select(p => p.Key));
            Assert.All(vehicle, p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
            Assert.Equal(account.UserId, (string)vehicle["user_id"]!);
            Assert.Equal("energica", (string)vehicle["make"]!);
        }
        Assert.Equal(JsonObject.Parse($$"""
            {"id":"{{account.VehicleId}}","user_id":"{{account.UserId}}","make":"energica","model":"energica-ss9","nickname":"The Rocket","plan":"0","time_zone":"UTC"}
            """)!.ToJsonString(), vehicles[0].ToJsonString());
        Assert.Equal(second!.Id, (string)vehicles[1]["id"]!);
        Assert.Equal("1", (string)vehicles[1]["plan"]!);
    }

    [Theory]
    [InlineData(BodyKind.Form)]
    [InlineData(BodyKind.Multipart)]
    [InlineData(BodyKind.Json)]
    [InlineData(BodyKind.SniffedForm)]
    [InlineData(BodyKind.SniffedJson)]
    public async Task MakeAndModelOfAVehicleResolveToTheirNames(BodyKind kind)
    {
        var token = await Service.Client.LoginAsync(await Service.CreateAccountAsync());
        var vehicle = (await Service.Client.PostFormAsync("get_vehicles", ("token", token))).Body["vehicles"]![0]!;

        var make = await Service.Client.PostAsync(kind, "get_make", ("token", token), ("make", (string)vehicle["make"]!));
        var model = await Service.Client.PostAsync(kind, "get_model", ("token", token), ("model", (string)vehicle["model"]!));

        Assert.Equal(HttpStatusCode.OK, make.Status);
        Assert.Equal("""{"SUCCESS":"OK","name":"Energica"}""", make.Body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, model.Status);
        Assert.Equal("""{"SUCCESS":"OK","name":"SS9"}""", model.Body.ToJsonString());
    }

    [Theory]
    [InlineData("get_make", "make", "MAKE_NOT_FOUND")]
    [InlineData("get_model", "model", "MODEL_NOT_FOUND")]
    public async Task UnknownIdsAnswerNotFound(string endpoint, string field, string code)
    {
        var token = await Service.Client.LoginAsync(await Service.CreateAccountAsync());

        var unknown = await Service.Client.PostFormAsync(endpoint, ("token", token), (field, "84a2z6xrqomuh9b"));
        var missing = await Service.Client.PostFormAsync(endpoint, ("token", token));

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(code, unknown.Code);
        Assert.Contains("84a2z6xrqomuh9b", (string)unknown.Body["error"]!);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal([field], missing.ErrorFields);
    }

    [Theory]
    [InlineData("get_vehicles")]
    [InlineData("get_make")]
    [InlineData("get_model")]
    [InlineData("push")]
    public async Task EveryEndpointButLoginWantsAValidToken(string endpoint)
    {
        var missing = await Service.Client.PostFormAsync(endpoint, ("make", "energica"), ("model", "energica-ss9"));
        var unknown = await Service.Client.PostFormAsync(endpoint, ("token", "o7axty6jzequrg5"));
        var unknownBearer = await Service.Client.SendAsync(endpoint, new FormUrlEncodedContent([]), bearerToken: new string('a', 32));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("TOKEN_REQUIRED", missing.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal("TOKEN_INVALID", unknown.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownBearer.Status);
        Assert.Equal("TOKEN_INVALID", unknownBearer.Code);
    }
}
