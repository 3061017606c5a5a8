using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using EvMonitor.Storage;

namespace EvMonitor.Telemetry;

/// <summary>
/// Reads a vehicle's history by row-key range inside its partition (see <see cref="TelemetryRows"/>
/// for the layout): a page is one range query that stops as soon as the page is full, so a
/// vehicle's whole history is never read to answer for part of it.
/// </summary>
public sealed class TelemetryHistory(StorageClients storage) : ITelemetryHistory
{
    /// <summary>
    /// A page also ends once this many rows are in it (at the next snapshot boundary), so an answer
    /// stays a few MB even when every snapshot has hundreds of motors and batteries.
    /// </summary>
    public const int MaxRowsPerPage = 10_000;

    /// <summary>The service's largest page of a query.</summary>
    private const int MaxRowsPerRequest = 1000;

    /// <summary>Most snapshots have a few motor and battery rows; a guess that keeps a page to one or two requests.</summary>
    private const int ExpectedRowsPerSnapshot = 8;

    private TableClient Table(string vehicleId) => storage.TelemetryTableOf(vehicleId);

    public async Task<JsonObject?> ReadLatestAsync(string vehicleId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.CanBeKey(vehicleId))
            return null;
        var pointer = await Table(vehicleId).GetEntityIfExistsAsync<TableEntity>(vehicleId, TelemetryRows.LatestRowKey, ["UnixTime"], cancellationToken);
        if (!pointer.HasValue || pointer.Value!.GetInt64("UnixTime") is not { } newest)
            return null;
        var page = await ReadAsync(vehicleId, newest, newest, 1, cancellationToken);
        return page.Snapshots.Count > 0 ? page.Snapshots[0] : null;
    }

    public async Task<SnapshotPage> ReadAsync(string vehicleId, long from, long to, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (!TableKeys.CanBeKey(vehicleId) || from > to)
            return new SnapshotPage([], null);

        // Time keys sort before "latest", and a snapshot's motor and battery rows right after it.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {vehicleId} and RowKey ge {TelemetryRows.SnapshotKey(from)} and RowKey lt {TelemetryRows.SnapshotKey(to + 1)}");
        var pageSize = (int)Math.Min(MaxRowsPerRequest, (limit + 1L) * ExpectedRowsPerSnapshot);

        var snapshots = new List<JsonObject>();
        TableEntity? current = null;
        var components = new List<TableEntity>();
        var rows = 0;
        await foreach (var row in Table(vehicleId).QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken))
        {
            if (row.GetString("Kind") == TelemetryRows.KindSnapshot)
            {
                if (current is not null)
                {
                    snapshots.Add(SnapshotJson.FromRows(current, components));
                    components.Clear();
                    if (snapshots.Count == limit || rows >= MaxRowsPerPage)
                        return new SnapshotPage(snapshots, row.GetInt64("UnixTime"));
                }
                current = row;
            }
            // A component without its snapshot row is a write still in progress; it shows once complete.
            else if (current is not null && TelemetryRows.IsComponentOf(row.RowKey, current.RowKey))
            {
                components.Add(row);
            }
            rows++;
        }
        if (current is not null)
            snapshots.Add(SnapshotJson.FromRows(current, components));
        return new SnapshotPage(snapshots, null);
    }

    public async Task<int> DeleteAllAsync(string vehicleId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.CanBeKey(vehicleId))
            return 0;
        // First the marker, after which the normalizer writes nothing more for this vehicle (see
        // TelemetryTable); it stays, so that pushes still queued are dropped rather than stored.
        await Table(vehicleId).UpsertEntityAsync(TelemetryRows.DeletedMarker(vehicleId), TableUpdateMode.Replace, cancellationToken);
        // Passes until one finds nothing: a pass stops early when a row it listed went in between
        // (the same delete sent twice at once).
        var total = 0;
        while (true)
        {
            var (deleted, interrupted) = await DeletePassAsync(vehicleId, cancellationToken);
            total += deleted;
            if (deleted == 0 && !interrupted)
                return total;
        }
    }

    private async Task<(int Deleted, bool Interrupted)> DeletePassAsync(string vehicleId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {vehicleId} and RowKey lt {TelemetryRows.LatestRowKey}");
        var batch = new List<TableTransactionAction>(TableBatches.MaxActions);
        var deleted = 0;
        try
        {
            await foreach (var row in Table(vehicleId).QueryAsync<TableEntity>(filter, MaxRowsPerRequest, ["RowKey"], cancellationToken))
            {
                batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(vehicleId, row.RowKey), ETag.All));
                if (batch.Count == TableBatches.MaxActions)
                    deleted += await SubmitAsync(vehicleId, batch, cancellationToken);
            }
            if (batch.Count > 0)
                deleted += await SubmitAsync(vehicleId, batch, cancellationToken);
            return (deleted, false);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // A row went between listing and deleting: list again.
            return (deleted, true);
        }
    }

    private async Task<int> SubmitAsync(string vehicleId, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        await Table(vehicleId).SubmitTransactionAsync(batch, cancellationToken);
        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
