using EvMonitor.Monitoring;
using Microsoft.Extensions.Logging;

namespace EvMonitor.Telemetry;

/// <summary>
/// What the queue-triggered function does with one message: read it, normalize it, store it with
/// the trips and charging sessions it changes (<see cref="TelemetryTable"/>).
/// </summary>
public sealed class TelemetryNormalizer(TelemetryTable table, TimeProvider clock, EvMonitorMetrics metrics, ILogger<TelemetryNormalizer> logger)
{
    /// <returns>How many snapshots were written.</returns>
    /// <exception cref="InvalidDataException">Not a message this service wrote; after the host's retries it lands in the poison queue.</exception>
    public async Task<int> ProcessAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        var message = TelemetryMessages.Unpack(payload);
        if (await table.WriteAsync(message, cancellationToken) is { } written)
        {
            var lag = clock.GetUtcNow() - message.ReceivedAt;
            metrics.SnapshotsStored(written.Count);
            metrics.NormalizerLag(lag);
            logger.LogInformation("Push {PushId} message stored: vehicle {VehicleId}, snapshots stored {SnapshotsStored} of {SnapshotCount}, lag {LagSeconds:0.###} s",
                message.PushId, message.VehicleId, written.Count, message.Snapshots.Count, lag.TotalSeconds);
            return written.Count;
        }
        // Pushes still queued when their vehicle was deleted: its owner had its data erased, so this is dropped too.
        logger.LogWarning("Dropped {Count} snapshots of push {PushId}: vehicle {VehicleId} no longer exists", message.Snapshots.Count, message.PushId, message.VehicleId);
        return 0;
    }
}
