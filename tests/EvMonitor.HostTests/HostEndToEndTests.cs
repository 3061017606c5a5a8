using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Domain;
using EvMonitor.Functions;
using EvMonitor.HostTests.Support;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.HostTests;

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "app under the Functions host";
}

/// <summary>The app under the real Functions host, as an app and an operator meet it in Azure.</summary>
[Collection(AppHostCollection.Name)]
public sealed class HostEndToEndTests(AppHostFixture host)
{
    /// <summary>Every function the app declares by its <c>[Function]</c> attribute.</summary>
    private static readonly string[] DeclaredFunctions = typeof(HttpApi).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods())
        .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The functions as the host indexed them (admin API), with their bindings.</summary>
    private async Task<List<JsonObject>> IndexedFunctionsAsync()
    {
        var answer = await host.Admin.GetStringAsync("admin/functions");
        return JsonNode.Parse(answer)!.AsArray().Select(f => f!.AsObject()).ToList();
    }

    /// <summary>The literal routes of the indexed HTTP functions: every endpoint, new ones included.</summary>
    private async Task<List<string>> EndpointsAsync() =>
        (await IndexedFunctionsAsync())
            .Where(f => f["config"]?["bindings"]?.AsArray().Any(b => (string?)b?["type"] == "httpTrigger") == true)
            .Select(f => (string)f["invoke_url_template"]!)
            .Where(url => !url.Contains('{'))
            .Select(url => new Uri(url).AbsolutePath["/api/".Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

    [HostFact]
    public async Task TheHostIndexesEveryFunctionTheAppDeclares()
    {
        var indexed = (await IndexedFunctionsAsync()).Select(f => (string)f["name"]!).Order(StringComparer.Ordinal);

        Assert.Equal(DeclaredFunctions, indexed);
        Assert.DoesNotContain("does not resolve to a value", host.Host.Output);
    }

    [HostFact]
    public async Task EveryEndpointAnswersAnEmptyPostAndAGetInTheJsonFormWithoutReachingTheCatchAll()
    {
        var endpoints = await EndpointsAsync();
        Assert.Contains("login", endpoints);
        Assert.Contains("push", endpoints);

        // The OpenAPI document is a file, not an answer in the JSON form: it has a test of its own below.
        foreach (var endpoint in endpoints.Where(e => e != OpenApiDocument.Route))
        {
            // SendAsync checks the JSON form of every answer.
            var post = await host.Client.SendAsync(endpoint, new FormUrlEncodedContent([]));
            var get = await host.Client.SendAsync(endpoint, null, HttpMethod.Get);

            Assert.True(post.Code != "NOT_FOUND" && (int)post.Status < 500, $"POST {endpoint}: {(int)post.Status} {post.Body.ToJsonString()}");
            Assert.True(get.Code != "NOT_FOUND" && (int)get.Status < 500, $"GET {endpoint}: {(int)get.Status} {get.Body.ToJsonString()}");
        }
    }

    [HostFact]
    public async Task TheOpenApiDocumentIsServedAsCheckedInUnderTheHost()
    {
        using var response = await host.Client.GetAsync(OpenApiDocument.Route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OpenApiDocument.ContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(OpenApiDocument.Utf8, await response.Content.ReadAsByteArrayAsync());
    }

    [HostFact]
    public async Task AGetOnAnEndpointReachesItsFunctionAndAnswers405()
    {
        var answer = await host.Client.SendAsync("login", null, HttpMethod.Get);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal("METHOD_NOT_ALLOWED", answer.Code);
        Assert.Equal(["POST"], answer.Response.Content.Headers.Allow);
    }

    [HostTheory]
    [MemberData(nameof(UnknownPaths.Cases), MemberType = typeof(UnknownPaths))]
    public Task AnUnknownPathUnderTheApiAnswers404NotFoundInTheJsonForm(string method, string path) =>
        UnknownPaths.AnswersNotFoundAsync(host.Client, method, path);

    [HostFact]
    public async Task AnAccountPushesThroughTheQueueAndReadsItsHistoryBackThroughEveryEndpoint()
    {
        var client = host.Client;
        var (email, password, _) = await client.RegisterAsync();
        var app = client.ClientFor(email, password);
        var token = (await app.LoginAsync()).Token;
        Assert.Contains(await app.GetMakesAsync(), m => m.Id == "energica");
        Assert.Contains(await app.GetModelsAsync("energica"), m => m.Id == "energica-ss9");
        Assert.Equal("Energica", await app.GetMakeAsync("energica"));
        Assert.Equal("SS9", await app.GetModelAsync("energica-ss9"));
        var vehicleId = (await app.AddVehicleAsync("energica", "energica-ss9", "The Rocket")).Id;
        Assert.Equal([vehicleId], (await app.GetVehiclesAsync()).Select(v => v.Id));
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;

        // The push as the original API's example sends it: form fields, token in the body.
        var push = await client.PostFormAsync("push", SeedExample.Form(token, vehicleId, t));

        Assert.Equal(HttpStatusCode.OK, push.Status);
        // Stored by normalize_telemetry, which the host triggers from the queue the push wrote to.
        await ApiCalls.EventuallyAsync(async () =>
            await app.GetLatestAsync(vehicleId) is { } latest && latest.Timestamp.ToUnixTimeSeconds() == t + 5);
        var history = await app.ReadHistoryAsync(vehicleId, DateTimeOffset.FromUnixTimeSeconds(t), DateTimeOffset.FromUnixTimeSeconds(t + 5)).ToListAsync();
        Assert.Equal([87, 90], history.Select(s => s.General.Speed));
        Assert.Equal(SeedExample.UserAgent, history[0].UserAgent);
        // The file answer streams through the host's proxy with the worker's headers.
        using var csv = await client.PostAsync("export", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["vehicle_id"] = vehicleId, ["from"] = $"{t}", ["to"] = $"{t + 5}", ["format"] = "csv",
        }));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(history.Count, lines.Count(l => l.Contains(",snapshot,", StringComparison.Ordinal)));
        Assert.Equal(t + 5, (await app.GetVehicleHealthAsync(vehicleId)).LastMeasured?.ToUnixTimeSeconds());
        Assert.Equal("Lightning", (await app.UpdateVehicleAsync(vehicleId, "Lightning")).Nickname);
        await app.DeleteVehicleAsync(vehicleId);
        Assert.Empty(await app.GetVehiclesAsync());
    }

    [HostFact]
    public async Task AMessageThatKeepsFailingIsMovedToThePoisonQueueByTheHost()
    {
        byte[] garbage = [0xde, 0xad, 0xbe, 0xef, 0x00, 0x7b, (byte)'n', (byte)'o', (byte)'p', (byte)'e', .. Guid.NewGuid().ToByteArray()];

        await host.Storage.TelemetryQueue.SendMessageAsync(new BinaryData(garbage));

        // maxDequeueCount is 2 here (an app-setting override of host.json): two attempts, then the move.
        await ApiCalls.EventuallyAsync(async () =>
            (await host.Storage.TelemetryPoisonQueue.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToArray().SequenceEqual(garbage)));
    }

    [HostFact]
    public async Task ThePurgeTimerFunctionRunThroughTheAdminApiDeletesExpiredTokens()
    {
        var tokens = host.Services.GetRequiredService<ITokenStore>();
        var expired = new SessionToken("expired-" + Guid.NewGuid().ToString("N"), "someone", DateTimeOffset.UtcNow.AddDays(-1));
        var valid = new SessionToken("valid-" + Guid.NewGuid().ToString("N"), "someone", DateTimeOffset.UtcNow.AddMinutes(10));
        await tokens.AddAsync(expired);
        await tokens.AddAsync(valid);

        // The admin API runs a non-HTTP function now (what the portal's "Test/Run" does).
        using var run = await host.Admin.PostAsync("admin/functions/purge_expired", new StringContent("{\"input\":null}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        await ApiCalls.EventuallyAsync(async () => await tokens.FindAsync(expired.TokenHash) is null);
        Assert.NotNull(await tokens.FindAsync(valid.TokenHash));
    }
}
