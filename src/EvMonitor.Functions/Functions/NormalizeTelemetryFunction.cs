using EvMonitor.Monitoring;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace EvMonitor.Functions.Functions;

/// <summary>
/// Normalizes queued pushes into the telemetry table. The queue is the one the app setting
/// <c>EvMonitor__TelemetryQueue</c> names, the same the push endpoint writes to. A failure is thrown
/// back to the host, which retries after host.json's visibilityTimeout and, after maxDequeueCount
/// attempts, moves the message to the queue's <c>-poison</c> queue.
/// </summary>
public sealed class NormalizeTelemetryFunction(TelemetryNormalizer normalizer, NormalizerFailures failures)
{
    /// <param name="dequeueCount">Trigger metadata, bound by name: which attempt this is.</param>
    [Function("normalize_telemetry")]
    public async Task Run([QueueTrigger("%" + StorageNames.TelemetryQueueSetting + "%", Connection = StorageClients.ConnectionName)] byte[] message, long dequeueCount, CancellationToken cancellationToken)
    {
        try
        {
            await normalizer.ProcessAsync(message, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            failures.Record(e, dequeueCount);
            throw;
        }
    }
}
