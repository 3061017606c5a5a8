using EvMonitor.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace EvMonitor.Functions.Functions;

/// <summary>Expiry is enforced on every request; this only keeps the tokens table from growing without end.</summary>
public sealed class PurgeExpiredTokensFunction(ITokenStore tokens, TimeProvider clock, ILogger<PurgeExpiredTokensFunction> logger)
{
    [Function("purge_expired_tokens")]
    public async Task Run([TimerTrigger("0 17 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var deleted = await tokens.DeleteExpiredAsync(clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("Deleted {Deleted} expired tokens", deleted);
    }
}
