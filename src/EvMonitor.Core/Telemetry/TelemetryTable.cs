using Azure;
using Azure.Data.Tables;
using EvMonitor.Storage;

namespace EvMonitor.Telemetry;

/// <summary>
/// Writes normalized snapshots so that processing a message once or many times, in any order with
/// other messages, leaves the same rows: each snapshot is replaced whole (stale motor and battery
/// rows removed) unless a push received later already wrote it, and every write is conditional on
/// what was read, in entity-group transactions of up to 100 operations.
/// </summary>
public sealed class TelemetryTable(StorageClients storage)
{
    private readonly TableClient _table = storage.Table(storage.Names.Telemetry);

    private sealed record StoredRow(ETag ETag, DateTimeOffset? ReceivedAt);

    /// <returns>How many snapshots were written (the others were already stored from a later push).</returns>
    /// <exception cref="TableTransactionFailedException">Another writer changed a row in between; retrying the message is safe.</exception>
    public async Task<int> WriteAsync(TelemetryMessage message, CancellationToken cancellationToken = default)
    {
        var partition = message.VehicleId;
        // Pushes arrive deduplicated; this keeps a message from elsewhere from failing a whole batch on a repeated key.
        var snapshots = message.Snapshots.GroupBy(s => s.Timestamp).Select(g => g.Last()).OrderBy(s => s.Timestamp).ToList();
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
        if (groups.Count == 0)
            return 0;

        foreach (var batch in Batch(groups))
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        // After the rows, so the pointer never names a snapshot that is not there yet.
        await AdvanceLatestAsync(partition, newest!.Value, cancellationToken);
        return groups.Count;
    }

    /// <summary>
    /// Moves the <c>latest</c> pointer forward, never back. The parts of one large push are processed
    /// in parallel and race for it; the loser re-reads and tries again rather than failing its message.
    /// </summary>
    private async Task AdvanceLatestAsync(string partition, long unixTime, CancellationToken cancellationToken)
    {
        const int attempts = 10;
        for (var attempt = 1; ; attempt++)
        {
            var latest = await _table.GetEntityIfExistsAsync<TableEntity>(partition, TelemetryRows.LatestRowKey, ["UnixTime"], cancellationToken);
            if (latest.HasValue && (latest.Value!.GetInt64("UnixTime") ?? long.MinValue) >= unixTime)
                return;
            var pointer = new TableEntity(partition, TelemetryRows.LatestRowKey) { ["UnixTime"] = unixTime };
            try
            {
                if (latest.HasValue)
                    await _table.UpdateEntityAsync(pointer, latest.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else
                    await _table.AddEntityAsync(pointer, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < attempts)
            {
                // Someone else moved it in between: look again.
            }
        }
    }

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
