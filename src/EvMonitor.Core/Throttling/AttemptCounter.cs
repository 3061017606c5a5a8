using EvMonitor.Storage;
using Microsoft.Extensions.Logging;

namespace EvMonitor.Throttling;

/// <summary>
/// Counts attempts per key in the throttle table, shared by every instance. An attempt is counted
/// before it is let through (reserved), with the lock it would bring already set, so however many
/// arrive at once at most <see cref="ThrottleRule.Limit"/> get through before the lock: each
/// reservation is a write conditional on the ETag read, and one that lost the race reads again and
/// retries. An attempt is never let through uncounted: one that keeps losing is refused.
/// </summary>
public sealed class AttemptCounter(ILoginThrottleStore store, TimeProvider clock, ILogger<AttemptCounter> logger)
{
    /// <summary>
    /// Rounds of read and conditional write before an attempt is refused. Each round has a winner, so
    /// only an attempt among more than this many at once for one key can be refused this way.
    /// </summary>
    public const int MaxWriteAttempts = 12;

    /// <summary>What to wait after losing every round: the others are being counted meanwhile.</summary>
    public static readonly TimeSpan ContendedRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>One counted attempt, or a refusal with how long to wait.</summary>
    public sealed class Reservation
    {
        internal Reservation(string key, ThrottleRule rule, DateTimeOffset lockBefore, DateTimeOffset lockWritten)
        {
            Key = key;
            Rule = rule;
            LockBefore = lockBefore;
            LockWritten = lockWritten;
        }

        internal Reservation(TimeSpan retryAfter) => RetryAfter = retryAfter;

        internal string Key { get; } = "";
        internal ThrottleRule? Rule { get; }
        internal DateTimeOffset LockBefore { get; }
        internal DateTimeOffset LockWritten { get; }

        /// <summary>Set when the attempt must not be made now: how long the caller has to wait.</summary>
        public TimeSpan? RetryAfter { get; }
    }

    /// <summary>Counts one attempt against <paramref name="key"/> unless the key is locked.</summary>
    public async Task<Reservation> ReserveAsync(string key, ThrottleRule rule, CancellationToken cancellationToken = default)
    {
        var state = await store.FindAsync(key, cancellationToken);
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var current = Current(state, rule, now);
            if (current?.LockedUntil > now)
                return new Reservation(current.LockedUntil - now);
            var count = (current?.Failures ?? 0) + 1;
            var lockedUntil = count >= rule.Limit ? now + rule.Lockout(count - rule.Limit) : DateTimeOffset.MinValue;
            // The stored ETag is kept even when the state has expired: the row is replaced, not added.
            if (await store.TryWriteAsync(key, new LoginThrottleState(count, now, lockedUntil, state?.ETag), cancellationToken))
                return new Reservation(key, rule, current?.LockedUntil ?? DateTimeOffset.MinValue, lockedUntil);
            await PauseAsync(attempt, cancellationToken);
            state = await store.FindAsync(key, cancellationToken);
        }
        logger.LogWarning("Throttle key {Key} changed under {Attempts} reservations in a row; the attempt is refused", key, MaxWriteAttempts);
        return new Reservation(ContendedRetryAfter);
    }

    /// <summary>
    /// Takes a reservation back (the attempt turned out not to count), lifting the lock it set unless
    /// a later reservation relies on it. Should it keep losing races, the attempt stays counted: the
    /// key is locked sooner, never later.
    /// </summary>
    public async Task ReleaseAsync(Reservation reservation, CancellationToken cancellationToken = default)
    {
        if (reservation.Rule is null)
            return;
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var state = await store.FindAsync(reservation.Key, cancellationToken);
            if (state is null || state.Failures == 0)
                return; // cleared or forgotten meanwhile
            var lockedUntil = state.LockedUntil == reservation.LockWritten ? reservation.LockBefore : state.LockedUntil;
            if (await store.TryWriteAsync(reservation.Key, state with { Failures = state.Failures - 1, LockedUntil = lockedUntil }, cancellationToken))
                return;
            await PauseAsync(attempt, cancellationToken);
        }
        logger.LogWarning("Throttle key {Key} changed under {Attempts} releases in a row; one attempt stays counted", reservation.Key, MaxWriteAttempts);
    }

    /// <summary>Forgets the key's count and lock; nothing happens when it is not stored.</summary>
    public Task ClearAsync(string key, CancellationToken cancellationToken = default) => store.DeleteAsync(key, cancellationToken);

    /// <summary>The state, or null once it is older than the window.</summary>
    private static LoginThrottleState? Current(LoginThrottleState? state, ThrottleRule rule, DateTimeOffset now)
    {
        if (state is null)
            return null;
        var quietSince = state.LockedUntil > state.LastFailureAt ? state.LockedUntil : state.LastFailureAt;
        return now - quietSince >= rule.Window ? state with { Failures = 0, LockedUntil = DateTimeOffset.MinValue } : state;
    }

    /// <summary>A short random pause, so that writers racing for one row stop meeting in step.</summary>
    private static Task PauseAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(attempt * 5), cancellationToken);
}
