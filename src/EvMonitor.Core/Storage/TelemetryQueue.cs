namespace EvMonitor.Storage;

/// <summary>A message on the queue, with what it takes to take it back.</summary>
/// <param name="Shard">Which of the telemetry queues holds it.</param>
public sealed record SentMessage(string MessageId, string PopReceipt, int Shard = 0);

public interface ITelemetryQueue
{
    /// <summary>Returns once the queue service has durably stored the message, on the queue of the vehicle's shard.</summary>
    Task<SentMessage> SendAsync(string vehicleId, BinaryData message, CancellationToken cancellationToken = default);

    Task DeleteAsync(SentMessage message, CancellationToken cancellationToken = default);
}

public sealed class TelemetryQueue(StorageClients storage) : ITelemetryQueue
{
    public async Task<SentMessage> SendAsync(string vehicleId, BinaryData message, CancellationToken cancellationToken = default)
    {
        var shard = storage.Names.Shards.ShardOf(vehicleId);
        // Kept until processed: the default 7-day time-to-live would silently drop a backlog.
        var receipt = await storage.TelemetryQueueOf(shard).SendMessageAsync(message, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
        return new SentMessage(receipt.Value.MessageId, receipt.Value.PopReceipt, shard);
    }

    public Task DeleteAsync(SentMessage message, CancellationToken cancellationToken = default) =>
        storage.TelemetryQueueOf(message.Shard).DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
}
