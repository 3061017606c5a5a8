using Azure.Data.Tables;
using EvMonitor.Storage;

namespace EvMonitor.Journeys;

/// <summary>Reads the trips and charging sessions stored in the vehicles' telemetry partitions (see <see cref="JourneyRows"/>).</summary>
public sealed class JourneyStore(StorageClients storage) : IJourneyStore
{
    private TableClient Table(string vehicleId) => storage.TelemetryTableOf(vehicleId);

    public async Task<List<StoredRun>> ReadRunsAsync(string vehicleId, string prefix, long from, long to, int limit, CancellationToken cancellationToken = default)
    {
        var runs = new List<StoredRun>();
        if (!TableKeys.CanBeKey(vehicleId) || from > to)
            return runs;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {vehicleId} and RowKey ge {JourneyRows.RunKey(prefix, Math.Max(0, from))} and RowKey lt {JourneyRows.PrefixEnd(prefix)}");
        await foreach (var row in Table(vehicleId).QueryAsync<TableEntity>(filter, Math.Min(1000, limit), cancellationToken: cancellationToken))
        {
            if (row.GetInt64("Start") > to || runs.Count == limit)
                break;
            runs.Add(JourneyRows.FromEntity(row));
        }
        return runs;
    }
}
