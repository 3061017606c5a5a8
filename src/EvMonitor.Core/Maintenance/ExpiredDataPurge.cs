using EvMonitor.Login;
using EvMonitor.Storage;

namespace EvMonitor.Maintenance;

/// <summary>
/// Keeps the tokens and login-throttle tables from growing without end. Nothing depends on it for
/// correctness: expiry and throttle windows are enforced on every request.
/// </summary>
public sealed class ExpiredDataPurge(ITokenStore tokens, ILoginThrottleStore throttle, LoginThrottleOptions throttleOptions, TimeProvider clock)
{
    public async Task<(int Tokens, int ThrottleRows)> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var tokensDeleted = await tokens.DeleteExpiredAsync(now, cancellationToken);
        // A lock ends at most MaxLockout after the last failure, and is forgotten a Window later:
        // a row older than both can no longer refuse anyone.
        var throttleDeleted = await throttle.DeleteStaleAsync(now - throttleOptions.MaxLockout - throttleOptions.Window, cancellationToken);
        return (tokensDeleted, throttleDeleted);
    }
}
