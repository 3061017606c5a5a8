using EvMonitor.Client.Wire;

namespace EvMonitor.Client;

/// <summary>
/// Gathers one vehicle's snapshots and sends them, oldest first, in pushes of up to 1,000
/// snapshots and 1 MiB, one push at a time. Each push is all or nothing, and nothing is dropped:
/// <list type="bullet">
/// <item>a push that fails for a reason that may pass (<c>503</c>, <c>429</c> beyond the client's
/// retries, a network error, a <c>401</c>) keeps its snapshots pending, throws, and is sent again by
/// the next send; sending a push twice stores it once;</item>
/// <item>a push refused for its content throws <see cref="PushRejectedException"/>, which hands
/// back its snapshots: they are no longer pending, since they would be refused again.</item>
/// </list>
/// Snapshots are sent by <see cref="AddAsync"/> once a batch is full or its oldest snapshot has
/// waited <see cref="TelemetryPusherOptions.MaxDelay"/>, by <see cref="FlushAsync"/>, and by
/// <see cref="DisposeAsync"/>. Safe to share between threads.
/// </summary>
public sealed class TelemetryPusher : IAsyncDisposable
{
    private readonly EvMonitorClient _client;
    private readonly string _vehicleId;
    private readonly TelemetryPusherOptions _options;
    private readonly TimeProvider _time;
    private readonly int _envelopeBytes;
    private readonly int _batchSize;
    private readonly object _gate = new();
    private readonly Queue<Pending> _pending = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private long _pendingBytes;
    private DateTimeOffset _pausedUntil;
    private bool _disposed;

    private sealed record Pending(TelemetrySnapshot Snapshot, byte[] Json, DateTimeOffset AddedAt);

    internal TelemetryPusher(EvMonitorClient client, string vehicleId, TelemetryPusherOptions options, TimeProvider time)
    {
        if (options.MaxBatchSize is < 1 or > PushBody.MaxSnapshots)
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxBatchSize must be 1 to {PushBody.MaxSnapshots}; it is {options.MaxBatchSize}.");
        _client = client;
        _vehicleId = vehicleId;
        _options = options;
        _time = time;
        _batchSize = options.MaxBatchSize;
        _envelopeBytes = PushBody.EnvelopeBytes(vehicleId, options.UserAgent);
    }

    /// <summary>How many snapshots wait to be sent.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
                return _pending.Count;
        }
    }

    /// <summary>The snapshots waiting to be sent, oldest first: what an app would save if it must stop while the service cannot be reached.</summary>
    public IReadOnlyList<TelemetrySnapshot> PendingSnapshots
    {
        get
        {
            lock (_gate)
                return _pending.Select(p => p.Snapshot).ToList();
        }
    }

    /// <summary>
    /// Keeps the snapshot for sending, then sends what is pending if a batch is full or has waited
    /// long enough. The snapshot is kept even when that send throws.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot has a NaN or infinite reading, or is too large for any push.</exception>
    /// <exception cref="InvalidOperationException"><see cref="TelemetryPusherOptions.MaxPending"/> snapshots wait already; this one is not kept.</exception>
    public async Task AddAsync(TelemetrySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var json = PushBody.Snapshot(snapshot);
        if (_envelopeBytes + json.Length > PushBody.MaxBytes)
            throw new ArgumentException($"The snapshot takes {json.Length:N0} bytes of JSON, more than a push may carry ({PushBody.MaxBytes:N0}).", nameof(snapshot));
        bool due;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pending.Count >= _options.MaxPending)
                throw new InvalidOperationException($"{_pending.Count:N0} snapshots are waiting to be sent, the most MaxPending allows; the service could not be reached. Send them with FlushAsync, or save PendingSnapshots.");
            var now = _time.GetUtcNow();
            _pending.Enqueue(new Pending(snapshot, json, now));
            _pendingBytes += json.Length + 1;
            due = now >= _pausedUntil
                && (_pending.Count >= _batchSize || _envelopeBytes + _pendingBytes >= PushBody.MaxBytes || now - _pending.Peek().AddedAt >= _options.MaxDelay);
        }
        if (due)
            await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends every pending snapshot, in as many pushes as needed.</summary>
    /// <exception cref="PushRejectedException">A push was refused for its content; its snapshots are handed back and no longer pending.</exception>
    /// <exception cref="EvMonitorApiException">A push failed otherwise; its snapshots and all after it stay pending.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (NextBatch() is { Count: > 0 } batch)
            {
                try
                {
                    await _client.PushSerializedAsync(_vehicleId, _options.UserAgent, batch.Select(p => p.Snapshot).ToList(), batch.Select(p => p.Json), cancellationToken).ConfigureAwait(false);
                }
                catch (PushRejectedException)
                {
                    Remove(batch.Count);
                    throw;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    lock (_gate)
                        _pausedUntil = _time.GetUtcNow() + _options.MaxDelay;
                    throw;
                }
                Remove(batch.Count);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Sends what is pending and takes no more snapshots. Throws as <see cref="FlushAsync"/> does, leaving the unsent snapshots in <see cref="PendingSnapshots"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
            _disposed = true;
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The oldest pending snapshots that fit one push. Only the one sender takes from the front.</summary>
    private List<Pending> NextBatch()
    {
        lock (_gate)
        {
            var batch = new List<Pending>();
            var bytes = (long)_envelopeBytes;
            foreach (var pending in _pending)
            {
                bytes += pending.Json.Length + (batch.Count > 0 ? 1 : 0);
                if (batch.Count == _batchSize || bytes > PushBody.MaxBytes)
                    break;
                batch.Add(pending);
            }
            return batch;
        }
    }

    private void Remove(int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
                _pendingBytes -= _pending.Dequeue().Json.Length + 1;
        }
    }
}
