using Azure;
using Azure.Data.Tables;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Logging;

namespace EvMonitor.VehicleHealth;

/// <summary>
/// Gathers each vehicle's refused pushes in memory and writes them to its hour rows (see
/// <see cref="VehicleHealthRows"/>) once per <see cref="VehicleHealthOptions.FlushInterval"/>, so the
/// storage work is bounded per vehicle and interval, not per push: a client sending refused pushes
/// as fast as it can adds no more than one read and one write of a row per interval. Counts still
/// in memory when an instance stops are lost; these are figures for debugging, not a ledger.
/// </summary>
public sealed class VehicleHealthRecorder(StorageClients storage, VehicleHealthOptions options, TimeProvider clock, ILogger<VehicleHealthRecorder> logger)
    : IVehicleHealthRecorder
{
    /// <summary>Other instances writing the same row at the same moment are rare; a few rounds settle it.</summary>
    private const int Attempts = 5;

    private TableClient Telemetry(string vehicleId) => storage.TelemetryTableOf(vehicleId);
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    private sealed class Pending
    {
        public Dictionary<long, HourCounts> Hours { get; } = [];

        public HourCounts Hour(DateTimeOffset time)
        {
            var hour = VehicleHealthRows.HourOf(time);
            if (!Hours.TryGetValue(hour, out var counts))
                Hours[hour] = counts = new HourCounts();
            return counts;
        }
    }

    private sealed class HourCounts
    {
        public Dictionary<string, int> Rejected { get; } = new(StringComparer.Ordinal);
        public (DateTimeOffset At, string Code)? LastRejected { get; set; }
    }

    public void Rejected(string vehicleId, string code) => Add(vehicleId, pending =>
    {
        var now = clock.GetUtcNow();
        var counts = pending.Hour(now);
        counts.Rejected[code] = counts.Rejected.GetValueOrDefault(code) + 1;
        counts.LastRejected = (now, code);
    });

    private void Add(string vehicleId, Action<Pending> change)
    {
        lock (_pending)
        {
            var first = !_pending.TryGetValue(vehicleId, out var pending);
            if (first)
                _pending[vehicleId] = pending = new Pending();
            change(pending!);
            if (first)
                _ = FlushLaterAsync(vehicleId);
        }
    }

    private async Task FlushLaterAsync(string vehicleId)
    {
        await Task.Delay(options.FlushInterval);
        Pending pending;
        lock (_pending)
            _pending.Remove(vehicleId, out pending!);
        try
        {
            foreach (var (hour, counts) in pending.Hours)
                await UpdateAsync(vehicleId, VehicleHealthRows.HourKey(hour), row => AddCounts(row, counts), created: () => PruneAsync(vehicleId, hour));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Health counts of vehicle {VehicleId} not written; they are lost", vehicleId);
        }
    }

    private static void AddCounts(TableEntity row, HourCounts counts)
    {
        foreach (var (code, n) in counts.Rejected)
            row[VehicleHealthRows.RejectedPrefix + code] = VehicleHealthRows.Count(row, VehicleHealthRows.RejectedPrefix + code) + n;
        if (counts.LastRejected is { } last && !(row.GetDateTimeOffset("LastRejectedAt") > last.At))
        {
            row["LastRejectedAt"] = last.At;
            row["LastRejectedCode"] = last.Code;
        }
    }

    /// <summary>Read, change, write back conditionally on what was read; a row not there yet is added, unless the vehicle was deleted.</summary>
    private async Task UpdateAsync(string vehicleId, string rowKey, Action<TableEntity> change, Func<Task>? created = null)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var read = await Telemetry(vehicleId).GetEntityIfExistsAsync<TableEntity>(vehicleId, rowKey);
            try
            {
                if (read.HasValue)
                {
                    var row = read.Value!;
                    change(row);
                    await Telemetry(vehicleId).UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
                    return;
                }
                if (await IsDeletedAsync(vehicleId))
                    return;
                var added = new TableEntity(vehicleId, rowKey);
                change(added);
                await Telemetry(vehicleId).AddEntityAsync(added);
                if (created is not null)
                    await created();
                return;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Another instance wrote the row in between: read it again.
            }
        }
        throw new InvalidOperationException($"The health row {rowKey} of vehicle {vehicleId} kept changing.");
    }

    /// <summary>Once an hour's row is new, the rows that fell out of the last 24 hours go.</summary>
    private async Task PruneAsync(string vehicleId, long hour)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {vehicleId} and RowKey ge {VehicleHealthRows.HourPrefix} and RowKey lt {VehicleHealthRows.HourKey(hour - VehicleHealthRows.HoursKept)}");
        await foreach (var row in Telemetry(vehicleId).QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            await Telemetry(vehicleId).DeleteEntityAsync(vehicleId, row.RowKey, ETag.All);
    }

    private async Task<bool> IsDeletedAsync(string vehicleId)
    {
        var latest = await Telemetry(vehicleId).GetEntityIfExistsAsync<TableEntity>(vehicleId, TelemetryRows.LatestRowKey, ["Deleted"]);
        return latest.HasValue && latest.Value!.GetBoolean("Deleted") == true;
    }
}
