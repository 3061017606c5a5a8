using EvMonitor.Storage;

namespace EvMonitor.Maintenance;

/// <summary>
/// Keeps the tokens and login-throttle tables from growing without end. Nothing depends on it for
/// correctness: expiry and throttle windows are enforced on every request.
/// </summary>
public sealed class ExpiredDataPurge(ITokenStore tokens, ILoginThrottleStore throttle, TimeProvider clock)
{
    /// <summary>Throttle rows quiet for this long can no longer lock anyone out (every lock and window is shorter).</summary>
    public static readonly TimeSpan ThrottleRetention = TimeSpan.FromDays(1);

    public async Task<(int Tokens, int ThrottleRows)> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var tokensDeleted = await tokens.DeleteExpiredAsync(now, cancellationToken);
        var throttleDeleted = await throttle.DeleteStaleAsync(now - ThrottleRetention, cancellationToken);
        return (tokensDeleted, throttleDeleted);
    }
}
