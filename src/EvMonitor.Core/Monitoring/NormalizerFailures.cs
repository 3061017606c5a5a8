using EvMonitor.Storage;
using Microsoft.Extensions.Logging;

namespace EvMonitor.Monitoring;

/// <summary>
/// What a failed attempt of the queue-triggered normalizer means for an operator: a storage outage,
/// or a message on its way to the poison queue. The Functions host moves a message there itself
/// after its <c>maxDequeueCount</c>-th failed attempt and tells the app nothing, so the app counts
/// the failure of that attempt: the trigger gives the attempt's number (the message's dequeue
/// count), and <see cref="QueueTriggerOptions"/> reads the limit the host reads.
/// </summary>
public sealed class NormalizerFailures(EvMonitorMetrics metrics, QueueTriggerOptions options, ILogger<NormalizerFailures> logger)
{
    /// <summary>The queue-triggered function's name, as the Functions host knows it.</summary>
    public const string FunctionName = "normalize_telemetry";

    public void Record(Exception failure, long dequeueCount)
    {
        if (StorageOutage.Is(failure))
            metrics.StorageUnavailable(FunctionName);
        if (dequeueCount < options.MaxDequeueCount)
            return;
        metrics.MessagePoisoned();
        logger.LogError(failure, "Queue message failed its last attempt ({DequeueCount} of {MaxDequeueCount}); the host moves it to the poison queue",
            dequeueCount, options.MaxDequeueCount);
    }
}
