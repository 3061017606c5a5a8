using Microsoft.Extensions.Caching.Memory;

namespace EvMonitor.Storage;

/// <summary>
/// What this instance read from storage and takes again without reading it, for a fixed time after
/// the read (by <c>clock</c>; the cache's own expiry only frees memory). An entry taken in the last
/// quarter of its time is read again in the background, off the request that took it, and kept
/// afresh or forgotten by what that read finds: an entry in steady use (an app pushing every few
/// seconds) is never waited for, and none is ever taken longer than its time after the last read
/// that found it.
/// </summary>
/// <param name="read">Reads the entry again: null forgets it. It runs in the background, so it must not throw for want of a request.</param>
public sealed class ReadAheadMemory<T>(TimeSpan keptFor, TimeProvider clock, Func<string, Task<T?>> read) where T : class
{
    /// <summary>At most this many entries; the cache makes room as it sees fit.</summary>
    public const int MaxEntries = 100_000;

    private sealed class Entry(T value, DateTimeOffset until)
    {
        private int _reading;

        public T Value { get; } = value;
        public DateTimeOffset Until { get; } = until;

        /// <summary>True for the one caller that is to read the entry again.</summary>
        public bool StartReading() => Interlocked.Exchange(ref _reading, 1) == 0;

        public void ReadingFailed() => Volatile.Write(ref _reading, 0);
    }

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>Held to forget an entry and to keep what a background read found: what was forgotten while the read ran stays forgotten.</summary>
    private readonly Lock _forgetting = new();

    /// <summary>The entry kept for <paramref name="key"/>, or null when there is none or its time has run out.</summary>
    public T? Get(string key)
    {
        if (!_entries.TryGetValue(key, out Entry? entry))
            return null;
        var now = clock.GetUtcNow();
        if (entry!.Until <= now)
            return null;
        if (now >= entry.Until - keptFor / 4 && entry.StartReading())
            _ = Task.Run(() => ReadAgainAsync(key, entry));
        return entry.Value;
    }

    /// <summary>Keeps <paramref name="value"/>, just read, for <c>keptFor</c>.</summary>
    public void Keep(string key, T value) =>
        _entries.Set(key, new Entry(value, clock.GetUtcNow() + keptFor), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = keptFor });

    public void Forget(string key)
    {
        lock (_forgetting)
            _entries.Remove(key);
    }

    private async Task ReadAgainAsync(string key, Entry entry)
    {
        T? value;
        try
        {
            value = await read(key);
        }
        catch (Exception)
        {
            // Storage failing: the entry runs out at its time, and a request after that reads it itself.
            entry.ReadingFailed();
            return;
        }
        lock (_forgetting)
        {
            if (!_entries.TryGetValue(key, out Entry? current) || current != entry)
                return; // forgotten, or kept afresh, meanwhile
            if (value is null)
                _entries.Remove(key);
            else
                Keep(key, value);
        }
    }
}
