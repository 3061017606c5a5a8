using EvMonitor.Domain;
using EvMonitor.Storage;

namespace EvMonitor.LoginTiming;

/// <summary>
/// Storage in memory, so only the endpoint's own work is timed: both failures make the same reads
/// and writes, and storage latency would only add the same noise to both.
/// </summary>
internal sealed class MemoryUsers(User user) : IUserStore
{
    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        Task.FromResult(TableUserStore.EmailKey(email) == TableUserStore.EmailKey(user.Email) ? user : null);

    public Task<bool> TryAddAsync(User added, CancellationToken cancellationToken = default) => Task.FromResult(false);
}

internal sealed class MemoryTokens : ITokenStore
{
    public Task AddAsync(SessionToken token, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<SessionToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default) => Task.FromResult<SessionToken?>(null);

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => Task.FromResult(0);
}

internal sealed class MemoryThrottle : ILoginThrottleStore
{
    private readonly Dictionary<string, LoginThrottleState> _rows = [];
    private int _version;

    public Task<LoginThrottleState?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.GetValueOrDefault(key));

    public Task<int> DeleteStaleAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<bool> TryWriteAsync(string key, LoginThrottleState state, CancellationToken cancellationToken = default)
    {
        _rows[key] = state with { ETag = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return Task.FromResult(true);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        _rows.Remove(key);
        return Task.CompletedTask;
    }
}
