using Azure.Storage.Queues;
using EvMonitor.IntegrationTests.Support;
using Microsoft.Extensions.Logging;

namespace EvMonitor.IntegrationTests;

/// <summary>A message that keeps failing ends in the poison queue as it was sent, and does not hold up the others.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PoisonQueueTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly LogRecorder _log = new();
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite, new Dictionary<string, string>
    {
        ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "2",
        ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.100",
    }, configure: b => b.Logging.AddProvider(_log));

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task AnUnreadableMessageEndsInThePoisonQueueWhileAValidPushIsStored()
    {
        var account = await _service.CreateAccountAsync();
        // Not JSON, not gzip, not even UTF-8: what a foreign writer or a corrupted message might leave.
        byte[] garbage = [0xde, 0xad, 0xbe, 0xef, 0x00, 0x7b, 0xff, (byte)'n', (byte)'o', (byte)'p', (byte)'e'];

        var sent = (await _service.Storage.TelemetryQueue.SendMessageAsync(new BinaryData(garbage))).Value;
        await _service.Client.ClientFor(account).PushAsync(account.VehicleId, SeedExample.Snapshots(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60), SeedExample.UserAgent);

        await ApiCalls.EventuallyAsync(async () => (await _service.Storage.TelemetryPoisonQueue.PeekMessagesAsync(10)).Value.Length > 0);
        var poisoned = (await _service.Storage.TelemetryPoisonQueue.PeekMessagesAsync(10)).Value;
        Assert.Equal(garbage, Assert.Single(poisoned).Body.ToArray());
        // Tried exactly maxDequeueCount times: one retry, then the move.
        var attempts = _log.Lines.Where(l => l.Contains(sent.MessageId, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Contains("attempt 1 of 2", attempts[0]);
        Assert.Contains("failed 2 times", attempts[1]);
        await ApiCalls.EventuallyAsync(async () => (await _service.TelemetryRowsAsync(account.VehicleId)).Count == SeedExample.RowCount);
        await ApiCalls.EventuallyAsync(async () => (await _service.Storage.TelemetryQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
    }

    [Fact]
    public async Task AMessageThatIsNotBase64EndsInThePoisonQueueUnchangedWithoutStoppingTheNormalizer()
    {
        var account = await _service.CreateAccountAsync();
        const string text = "{\"written by hand\": true}";

        await new QueueClient(azurite.ConnectionString, _service.Storage.Names.TelemetryQueue).SendMessageAsync(text);
        await _service.Client.ClientFor(account).PushAsync(account.VehicleId, SeedExample.Snapshots(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60), SeedExample.UserAgent);

        await ApiCalls.EventuallyAsync(async () => (await _service.TelemetryRowsAsync(account.VehicleId)).Count == SeedExample.RowCount);
        var poison = new QueueClient(azurite.ConnectionString, _service.Storage.Names.TelemetryPoisonQueue);
        await ApiCalls.EventuallyAsync(async () => (await poison.PeekMessagesAsync(10)).Value.Length > 0);
        Assert.Equal(text, Assert.Single((await poison.PeekMessagesAsync(10)).Value).MessageText);
        await ApiCalls.EventuallyAsync(async () => (await _service.Storage.TelemetryQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
    }
}
