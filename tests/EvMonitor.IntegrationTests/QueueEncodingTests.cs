using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.IntegrationTests;

/// <summary>What the push path leaves on the queue is what the Functions host's queue trigger reads: Base64 of the JSON message.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueEncodingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    // The normalizer is switched off, as an app setting does it in Azure, so the message stays on the queue to be looked at.
    public async Task InitializeAsync() =>
        _service = await RunningService.StartAsync(azurite, new Dictionary<string, string> { ["AzureWebJobs.normalize_telemetry.Disabled"] = "true" });

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task APushIsQueuedAsBase64EncodedJson()
    {
        var account = await _service.CreateAccountAsync();
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;

        await _service.Client.ClientFor(account).PushAsync(account.VehicleId, SeedExample.Snapshots(t), SeedExample.UserAgent);

        var raw = new QueueClient(azurite.ConnectionString, _service.Storage.Names.TelemetryQueue);
        var text = Assert.Single((await raw.PeekMessagesAsync(10)).Value).MessageText;
        Assert.Matches("^[A-Za-z0-9+/]+={0,2}$", text);
        var message = JsonNode.Parse(Convert.FromBase64String(text))!;
        Assert.Equal(account.VehicleId, (string)message["vehicle_id"]!);
        Assert.Equal(SeedExample.UserAgent, (string)message["user_agent"]!);
        Assert.Equal([t, t + 5], message["snapshots"]!.AsArray().Select(s => (long)s!["timestamp"]!));
        Assert.Empty(await _service.TelemetryRowsAsync(account.VehicleId));
    }
}
