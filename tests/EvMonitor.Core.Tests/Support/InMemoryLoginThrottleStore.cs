using EvMonitor.Storage;

namespace EvMonitor.Core.Tests.Support;

/// <summary>The throttle table in memory, with ETags that change on every write, as Table Storage's do.</summary>
public sealed class InMemoryLoginThrottleStore : ILoginThrottleStore
{
    private readonly Dictionary<string, LoginThrottleState> _rows = [];
    private int _version;

    /// <summary>Runs just before a write is applied: lets a test play another instance writing first.</summary>
    public Action<string>? BeforeWrite { get; set; }

    public int Writes { get; private set; }

    public LoginThrottleState? this[string key] => _rows.GetValueOrDefault(key);

    public Task<LoginThrottleState?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.GetValueOrDefault(key));

    public Task<bool> TryWriteAsync(string key, LoginThrottleState state, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke(key);
        if (_rows.GetValueOrDefault(key)?.ETag != state.ETag)
            return Task.FromResult(false);
        Put(key, state);
        return Task.FromResult(true);
    }

    /// <summary>Stores <paramref name="state"/> unconditionally, as another writer would.</summary>
    public void Put(string key, LoginThrottleState state)
    {
        Writes++;
        _rows[key] = state with { ETag = $"W/\"{++_version}\"" };
    }

    public Task<int> DeleteStaleAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var stale = _rows.Where(r => r.Value.LastFailureAt < before).Select(r => r.Key).ToList();
        stale.ForEach(key => _rows.Remove(key));
        return Task.FromResult(stale.Count);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        _rows.Remove(key);
        return Task.FromResult(0);
    }
}
