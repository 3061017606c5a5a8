namespace EvMonitor.Storage;

/// <summary>One throttle key's failed logins, as stored. <see cref="ETag"/> is null for a key not stored yet.</summary>
public sealed record LoginThrottleState(int Failures, DateTimeOffset LastFailureAt, DateTimeOffset LockedUntil, string? ETag = null);

/// <summary>Throttle state shared by every instance of the app, so a lock holds whichever instance answers.</summary>
public interface ILoginThrottleStore
{
    Task<LoginThrottleState?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="state"/> only if the stored state is still the one with <c>state.ETag</c>
    /// (or, for a null ETag, if none is stored); false when another writer came first.
    /// </summary>
    Task<bool> TryWriteAsync(string key, LoginThrottleState state, CancellationToken cancellationToken = default);

    /// <summary>Forgets the key; nothing happens when it is not stored.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Forgets every key whose last failure was before <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteStaleAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
