namespace EvMonitor.Telemetry;

/// <summary>What the queue-triggered function does with one message: read it, normalize it, store it.</summary>
public sealed class TelemetryNormalizer(TelemetryTable table)
{
    /// <exception cref="InvalidDataException">Not a message this service wrote; after the host's retries it lands in the poison queue.</exception>
    public Task<int> ProcessAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        table.WriteAsync(TelemetryMessages.Unpack(payload), cancellationToken);
}
