using Azure;

namespace EvMonitor.Storage;

/// <summary>Tells a storage outage (worth a retry: answer 503) from a bug or a misconfiguration.</summary>
public static class StorageOutage
{
    public static bool Is(Exception exception) => exception switch
    {
        // Status 0: no answer at all (connection refused or reset, DNS, timeout).
        RequestFailedException e => e.Status is 0 or 408 or 429 or >= 500,
        // The SDK's retry policy gives up with every attempt's failure in one AggregateException. A
        // cancelled attempt in there is one that ran out of its network timeout: cancellation by the
        // caller is thrown as it is, never retried and aggregated.
        AggregateException e => e.InnerExceptions.Count > 0 && e.InnerExceptions.All(inner => inner is OperationCanceledException || Is(inner)),
        HttpRequestException or TimeoutException => true,
        TaskCanceledException e => e.InnerException is TimeoutException,
        _ => false,
    };
}
