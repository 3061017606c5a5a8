using Azure.Data.Tables;
using EvMonitor.Bench;
using EvMonitor.Storage;
using EvMonitor.Telemetry;

namespace EvMonitor.LoadTest;

/// <summary>What ended up in the telemetry table for the run's vehicles, held against what the apps were told.</summary>
public sealed record StoredRows(int Acknowledged, int Stored, int Lost, int Unacknowledged, int Unexplained, int Duplicates, int MissingRows)
{
    /// <summary>
    /// Per vehicle: every acknowledged snapshot must have its row (else lost); a snapshot row nobody
    /// was told about may only come from a push still unanswered at the end (else unexplained); and
    /// the vehicle must hold exactly its snapshots' rows, their motor and battery rows and one
    /// <c>latest</c> row (anything more is a duplicate). The rows derived from them in the same
    /// partition (trips, sessions, delivery health: keys starting with a letter) are not counted.
    /// </summary>
    public static async Task<StoredRows> CountAsync(StorageClients storage, IReadOnlyList<AppClient> clients, int batch)
    {
        int acknowledged = 0, stored = 0, lost = 0, unacknowledged = 0, unexplained = 0, duplicates = 0, missingRows = 0;
        foreach (var client in clients)
        {
            var expected = new HashSet<string>(client.Acknowledged.SelectMany(first => Enumerable.Range(0, batch).Select(i => TelemetryRows.SnapshotKey(first + i))));
            var maybe = client.Unanswered is { } open
                ? Enumerable.Range(0, batch).Select(i => TelemetryRows.SnapshotKey(open + i)).ToHashSet()
                : [];
            var snapshots = new HashSet<string>();
            var rows = 0;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.VehicleId} and (RowKey lt {"a"} or RowKey eq {TelemetryRows.LatestRowKey})");
            await foreach (var row in storage.TelemetryTableOf(client.VehicleId).QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            {
                rows++;
                if (row.RowKey.Length == 12)
                    snapshots.Add(row.RowKey);
            }
            acknowledged += expected.Count;
            stored += snapshots.Count;
            lost += expected.Count(k => !snapshots.Contains(k));
            unacknowledged += snapshots.Count(k => !expected.Contains(k) && maybe.Contains(k));
            unexplained += snapshots.Count(k => !expected.Contains(k) && !maybe.Contains(k));
            var expectedRows = snapshots.Count * SamplePush.RowsPerSnapshot + (snapshots.Count > 0 ? 1 : 0);
            duplicates += Math.Max(0, rows - expectedRows);
            missingRows += Math.Max(0, expectedRows - rows);
        }
        return new StoredRows(acknowledged, stored, lost, unacknowledged, unexplained, duplicates, missingRows);
    }

    public bool NothingLost => Lost == 0 && Unexplained == 0 && Duplicates == 0 && MissingRows == 0;
}
