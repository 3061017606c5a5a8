namespace EvMonitor.Storage;

/// <summary>A message on the queue, with what it takes to take it back.</summary>
public sealed record SentMessage(string MessageId, string PopReceipt);

public interface ITelemetryQueue
{
    /// <summary>Returns once the queue service has durably stored the message.</summary>
    Task<SentMessage> SendAsync(BinaryData message, CancellationToken cancellationToken = default);

    Task DeleteAsync(SentMessage message, CancellationToken cancellationToken = default);
}

public sealed class TelemetryQueue(StorageClients storage) : ITelemetryQueue
{
    public async Task<SentMessage> SendAsync(BinaryData message, CancellationToken cancellationToken = default)
    {
        // Kept until processed: the default 7-day time-to-live would silently drop a backlog.
        var receipt = await storage.TelemetryQueue.SendMessageAsync(message, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
        return new SentMessage(receipt.Value.MessageId, receipt.Value.PopReceipt);
    }

    public Task DeleteAsync(SentMessage message, CancellationToken cancellationToken = default) =>
        storage.TelemetryQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
}
