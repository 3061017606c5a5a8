using System.Net;
using EvMonitor.Auth;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.IntegrationTests;

/// <summary>With storage down nothing is claimed: every endpoint answers 503 with Retry-After, and the same request works once storage is back.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageOutageTests(AzuriteFixture azurite)
{
    /// <summary>In this suite's own port range, where nothing listens.</summary>
    private const int NothingListens = 10327;

    private const int OwnAzurite = 10310;

    [Fact]
    public async Task WithNoStorageAtAllEveryEndpointAnswersStorageUnavailable()
    {
        await using var service = await RunningService.StartAsync(azurite, connectionString: AzuriteProcess.ConnectionStringFor(NothingListens), createStorage: false);
        // Well-formed, so the service has to look it up.
        var token = Tokens.NewToken();
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;

        var answers = new[]
        {
            await service.Client.PostFormAsync("login", ("username", "rider@example.com"), ("password", "correct-horse-battery")),
            await service.Client.PostFormAsync("get_vehicles", ("token", token)),
            await service.Client.PostFormAsync("get_make", ("token", token), ("make", "energica")),
            await service.Client.PostJsonAsync("get_model", new() { ["token"] = token, ["model"] = "energica-ss9" }),
            await service.Client.PostFormAsync("push", SeedExample.Form(token, "abcdefg1234", t)),
            await service.Client.SendAsync("push", WireCalls.RawBody(SeedExample.JsonWithArrays(null, "abcdefg1234", t).ToJsonString(), "application/json"), bearerToken: token),
        };

        Assert.All(answers, AssertStorageUnavailable);
    }

    [Fact]
    public async Task APushDuringAnOutageAnswers503AndTheSamePushIsStoredOnceStorageIsBack()
    {
        var dataFolder = Directory.CreateTempSubdirectory("evmonitor-outage-").FullName;
        try
        {
            await using var storage = await AzuriteProcess.StartAsync(OwnAzurite, dataFolder);
            await using var service = await RunningService.StartAsync(azurite, connectionString: storage.ConnectionString);
            var account = await service.CreateAccountAsync();
            var token = await service.Client.LoginAsync(account);
            var push = SeedExample.Form(token, account.VehicleId, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);

            await storage.StopAsync();
            var duringOutage = await service.Client.PostFormAsync("push", push);
            var getVehicles = await service.Client.PostFormAsync("get_vehicles", ("token", token));
            await storage.StartAgainAsync(dataFolder);
            var afterwards = await service.Client.PostFormAsync("push", push);

            AssertStorageUnavailable(duringOutage);
            AssertStorageUnavailable(getVehicles);
            Assert.Equal(HttpStatusCode.OK, afterwards.Status);
            Assert.Equal(2, (int)afterwards.Body["accepted"]!);
            await ApiCalls.EventuallyAsync(async () => (await service.TelemetryRowsAsync(account.VehicleId)).Count == SeedExample.RowCount);
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    private static void AssertStorageUnavailable(WireCalls.Answer answer)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("ERROR", answer.Success);
        Assert.Equal("STORAGE_UNAVAILABLE", answer.Code);
        Assert.False(string.IsNullOrWhiteSpace((string?)answer.Body["error"]));
        Assert.True(answer.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After names a delay");
    }
}
