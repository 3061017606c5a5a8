using EvMonitor.Maintenance;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace EvMonitor.Functions.Functions;

public sealed class PurgeExpiredFunction(ExpiredDataPurge purge, ILogger<PurgeExpiredFunction> logger)
{
    /// <summary>Daily at 03:17 UTC.</summary>
    [Function("purge_expired")]
    public async Task Run([TimerTrigger("0 17 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var (tokens, throttleRows) = await purge.RunAsync(cancellationToken);
        logger.LogInformation("Deleted {Tokens} expired tokens and {ThrottleRows} stale login-throttle rows", tokens, throttleRows);
    }
}
