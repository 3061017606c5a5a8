using System.Net;
using EvMonitor.Client;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.LocalHost;
using EvMonitor.Storage;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// <c>LocalHost:Role</c> splits the local host into an API process and a queue-worker process, as the
/// fault runs of scripts/load.sh need: each does its half, and together they do the whole.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalHostRoleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ApiAndWorkerAsSeparateProcessesStoreAPushBetweenThem()
    {
        var prefix = AzuriteFixture.NewPrefix();
        await using var api = await RunningService.StartAsync(azurite, Settings(prefix, "api"));
        var account = await api.CreateAccountAsync();
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;

        await api.Client.ClientFor(account).PushAsync(account.VehicleId, [new TelemetrySnapshot { Timestamp = DateTimeOffset.FromUnixTimeSeconds(t), General = new() { Speed = 87 } }]);
        // The API alone only queues the push.
        Assert.Equal(1, (await api.Storage.TelemetryQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty(await api.TelemetryRowsAsync(account.VehicleId));

        await using var worker = await RunningService.StartAsync(azurite, Settings(prefix, "worker"));
        await ApiCalls.EventuallyAsync(async () => (await worker.TelemetryRowsAsync(account.VehicleId)).Any(r => r.GetInt32("Speed") == 87));
    }

    [Fact]
    public async Task WorkerServesNoEndpoints()
    {
        await using var worker = await RunningService.StartAsync(azurite, Settings(AzuriteFixture.NewPrefix(), "worker"));

        using var response = await worker.Client.PostAsync("login", new FormUrlEncodedContent([KeyValuePair.Create("username", "a@example.com")]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Dictionary<string, string> Settings(string prefix, string role) =>
        StorageNames.Isolated(prefix).Append(KeyValuePair.Create("LocalHost:Role", (string?)role)).ToDictionary(kv => kv.Key, kv => kv.Value!);
}
