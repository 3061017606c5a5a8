using EvMonitor.Domain;
using EvMonitor.Storage;

namespace EvMonitor.LoginTiming;

/// <summary>
/// Storage in memory, so only the endpoint's own work is timed: both cases make the same reads
/// (and a registration one more write), and storage latency would only add the same noise to both.
/// </summary>
internal sealed class MemoryUsers(User user) : IUserStore
{
    private readonly Dictionary<string, User> _users = new() { [TableUserStore.EmailKey(user.Email)] = user };

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        Task.FromResult(_users.GetValueOrDefault(TableUserStore.EmailKey(email)));

    public Task<bool> TryAddAsync(User added, CancellationToken cancellationToken = default) =>
        Task.FromResult(_users.TryAdd(TableUserStore.EmailKey(added.Email), added));

    public Task<User?> MarkDeletedAsync(string email, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task DeleteAsync(string email, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

internal sealed class MemoryTokens : ITokenStore
{
    public Task AddAsync(SessionToken token, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<SessionToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default) => Task.FromResult<SessionToken?>(null);

    public Task DeleteAsync(string tokenHash, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<int> DeleteAllOfUserAsync(string userId, CancellationToken cancellationToken = default) => Task.FromResult(0);

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
