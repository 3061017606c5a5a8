using Azure;
using Azure.Data.Tables;
using EvMonitor.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace EvMonitor.Telemetry;

/// <summary>
/// Writes normalized snapshots so that processing a message once or many times, in any order with
/// other messages, leaves the same rows: each snapshot is replaced whole (stale motor and battery
/// rows removed) unless a push received later already wrote it, and every write is conditional on
/// what was read, in entity-group transactions of up to 100 operations. New snapshots, the usual
/// case, are added without a read: adding fails if a row exists, and only then is anything read.
/// </summary>
public sealed class TelemetryTable(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(storage.Names.Telemetry);
    private readonly MemoryCache _latest = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private sealed record StoredRow(ETag ETag, DateTimeOffset? ReceivedAt);

    /// <returns>How many snapshots were written (the others were already stored from a later push).</returns>
    /// <exception cref="TableTransactionFailedException">Another writer changed a row in between; retrying the message is safe.</exception>
    public async Task<int> WriteAsync(TelemetryMessage message, CancellationToken cancellationToken = default)
    {
        var partition = message.VehicleId;
        // Pushes arrive deduplicated; this keeps a message from elsewhere from failing a whole batch on a repeated key.
        var snapshots = message.Snapshots.GroupBy(s => s.Timestamp).Select(g => g.Last()).OrderBy(s => s.Timestamp).ToList();
        var written = await TryAddAllAsync(message, snapshots, cancellationToken)
            ?? await ReplaceAsync(message, snapshots, cancellationToken);
        if (written.Count == 0)
            return 0;
        // After the rows, so the pointer never names a snapshot that is not there yet.
        await AdvanceLatestAsync(partition, written.Newest, cancellationToken);
        return written.Count;
    }

    private readonly record struct Written(int Count, long Newest);

    /// <summary>
    /// Live telemetry is new nearly always, so it is first written without reading anything: each
    /// snapshot row is added, which fails if it exists. Null when one did exist (a repeated push, a
    /// message processed again): then <see cref="ReplaceAsync"/> reads and compares. A snapshot's motor
    /// and battery rows are only ever written with or after its own row, so a snapshot without a row
    /// has none to remove.
    /// </summary>
    private async Task<Written?> TryAddAllAsync(TelemetryMessage message, List<Snapshot> snapshots, CancellationToken cancellationToken)
    {
        var groups = new List<List<TableTransactionAction>>(snapshots.Count);
        foreach (var snapshot in snapshots)
        {
            var rows = TelemetryRows.ToEntities(message, snapshot);
            var actions = new List<TableTransactionAction>(rows.Count) { new(TableTransactionActionType.Add, rows[0]) };
            for (var i = 1; i < rows.Count; i++)
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, rows[i]));
            groups.Add(actions);
        }
        try
        {
            foreach (var batch in Batch(groups))
                await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return null;
        }
        return new Written(snapshots.Count, snapshots[^1].Timestamp);
    }

    /// <summary>Replaces each snapshot whole unless a later push wrote it, every write conditional on what was read.</summary>
    private async Task<Written> ReplaceAsync(TelemetryMessage message, List<Snapshot> snapshots, CancellationToken cancellationToken)
    {
        var partition = message.VehicleId;
        var stored = await ReadRowsAsync(partition, snapshots[0].Timestamp, snapshots[^1].Timestamp, cancellationToken);

        var groups = new List<List<TableTransactionAction>>();
        long? newest = null;
        foreach (var snapshot in snapshots)
        {
            var key = TelemetryRows.SnapshotKey(snapshot.Timestamp);
            stored.TryGetValue(key, out var existing);
            if (existing?.ReceivedAt > message.ReceivedAt)
                continue;

            var actions = new List<TableTransactionAction>();
            var rows = TelemetryRows.ToEntities(message, snapshot);
            actions.Add(existing is null
                ? new TableTransactionAction(TableTransactionActionType.Add, rows[0])
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, rows[0], existing.ETag));
            foreach (var component in rows.Skip(1))
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, component));
            var current = rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
            foreach (var (rowKey, row) in stored)
            {
                if (TelemetryRows.IsComponentOf(rowKey, key) && !current.Contains(rowKey))
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, rowKey), row.ETag));
            }
            groups.Add(actions);
            newest = snapshot.Timestamp;
        }

        foreach (var batch in Batch(groups))
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        return new Written(groups.Count, newest ?? 0);
    }

    /// <summary>
    /// Moves the <c>latest</c> pointer forward, never back. The parts of one large push are processed
    /// in parallel and race for it; the loser re-reads and tries again rather than failing its message.
    /// The pointer as last read or written here is remembered: a vehicle's next message then updates
    /// it (conditionally, so a stale memory only costs a retry) without reading it first, and one that
    /// is not newer skips it, the pointer never going back.
    /// </summary>
    private async Task AdvanceLatestAsync(string partition, long unixTime, CancellationToken cancellationToken)
    {
        const int attempts = 10;
        for (var attempt = 1; ; attempt++)
        {
            if (!_latest.TryGetValue(partition, out LatestPointer? latest))
            {
                var read = await _table.GetEntityIfExistsAsync<TableEntity>(partition, TelemetryRows.LatestRowKey, ["UnixTime"], cancellationToken);
                latest = read.HasValue ? new LatestPointer(read.Value!.ETag, read.Value.GetInt64("UnixTime") ?? long.MinValue) : null;
            }
            if (latest is not null && latest.UnixTime >= unixTime)
                return;
            var pointer = new TableEntity(partition, TelemetryRows.LatestRowKey) { ["UnixTime"] = unixTime };
            try
            {
                var written = latest is not null
                    ? await _table.UpdateEntityAsync(pointer, latest.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await _table.AddEntityAsync(pointer, cancellationToken);
                if (written.Headers.ETag is { } etag)
                    _latest.Set(partition, new LatestPointer(etag, unixTime), LatestKeptFor);
                else
                    _latest.Remove(partition);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412 && attempt < attempts)
            {
                // Someone else moved it in between (or it is not what was remembered): look again.
                _latest.Remove(partition);
            }
        }
    }

    private sealed record LatestPointer(ETag ETag, long UnixTime);

    private static readonly MemoryCacheEntryOptions LatestKeptFor = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    /// <summary>Keeps a snapshot's rows in one transaction where they fit, so readers rarely see half of one.</summary>
    private static IEnumerable<List<TableTransactionAction>> Batch(List<List<TableTransactionAction>> groups)
    {
        var batch = new List<TableTransactionAction>(TableBatches.MaxActions);
        foreach (var group in groups)
        {
            if (batch.Count + group.Count > TableBatches.MaxActions && batch.Count > 0)
            {
                yield return batch;
                batch = new List<TableTransactionAction>(TableBatches.MaxActions);
            }
            foreach (var action in group)
            {
                if (batch.Count == TableBatches.MaxActions)
                {
                    yield return batch;
                    batch = new List<TableTransactionAction>(TableBatches.MaxActions);
                }
                batch.Add(action);
            }
        }
        if (batch.Count > 0)
            yield return batch;
    }

    private async Task<Dictionary<string, StoredRow>> ReadRowsAsync(string partition, long from, long to, CancellationToken cancellationToken)
    {
        var low = TelemetryRows.SnapshotKey(from);
        var high = TelemetryRows.SnapshotKey(to + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}");
        var rows = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "ReceivedAt"], cancellationToken: cancellationToken))
            rows[e.RowKey] = new StoredRow(e.ETag, e.GetDateTimeOffset("ReceivedAt"));
        return rows;
    }
}
