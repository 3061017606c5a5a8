using EvMonitor.Accounts;
using EvMonitor.Login;
using EvMonitor.Storage;

namespace EvMonitor.Maintenance;

/// <summary>
/// Keeps the tokens and login-throttle tables from growing without end. Nothing depends on it for
/// correctness: expiry and throttle windows are enforced on every request.
/// </summary>
public sealed class ExpiredDataPurge(ITokenStore tokens, ILoginThrottleStore throttle, LoginThrottleOptions loginThrottle, RegisterThrottleOptions registerThrottle, TimeProvider clock)
{
    public async Task<(int Tokens, int ThrottleRows)> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var tokensDeleted = await tokens.DeleteExpiredAsync(now, cancellationToken);
        // A lock ends at most MaxLockout after the last attempt, and is forgotten a Window later:
        // a row older than both, under the longer of the two throttles, can no longer refuse anyone.
        var keep = Max(loginThrottle.MaxLockout + loginThrottle.Window, registerThrottle.MaxLockout + registerThrottle.Window);
        var throttleDeleted = await throttle.DeleteStaleAsync(now - keep, cancellationToken);
        return (tokensDeleted, throttleDeleted);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
