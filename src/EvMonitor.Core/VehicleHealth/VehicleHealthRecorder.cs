using Azure;
using Azure.Data.Tables;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Logging;

namespace EvMonitor.VehicleHealth;

/// <summary>
/// Gathers each vehicle's delivery counts in memory and writes them to its health rows (see
/// <see cref="VehicleHealthRows"/>) once per <see cref="VehicleHealthOptions.FlushInterval"/>, so the
/// storage work is bounded per vehicle and interval, not per push: a client sending pushes as fast as
/// it can adds no more than one read and one write of each row per interval. Counts still in memory
/// when an instance stops are lost; these are figures for debugging, not a ledger.
/// </summary>
public sealed class VehicleHealthRecorder(StorageClients storage, VehicleHealthOptions options, TimeProvider clock, ILogger<VehicleHealthRecorder> logger)
    : IVehicleHealthRecorder
{
    /// <summary>Other instances writing the same row at the same moment are rare; a few rounds settle it.</summary>
    private const int Attempts = 5;

    private TableClient Health(string vehicleId) => storage.JourneysTableOf(vehicleId);
    private TableClient Telemetry(string vehicleId) => storage.TelemetryTableOf(vehicleId);
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    private sealed class Pending
    {
        public Dictionary<long, HourCounts> Hours { get; } = [];
        public Queue<double> Lags { get; } = new();
        public DateTimeOffset? LastReceivedAt { get; set; }

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
        public int Stored { get; set; }
        public int Repushed { get; set; }
        public Dictionary<string, int> Rejected { get; } = new(StringComparer.Ordinal);
        public (DateTimeOffset At, string Code)? LastRejected { get; set; }
    }

    public void Stored(TelemetryMessage message, int written, int repushed) => Add(message.VehicleId, pending =>
    {
        var counts = pending.Hour(message.ReceivedAt);
        counts.Stored += written;
        counts.Repushed += repushed;
        foreach (var snapshot in message.Snapshots)
        {
            pending.Lags.Enqueue((message.ReceivedAt - DateTimeOffset.FromUnixTimeSeconds(snapshot.Timestamp)).TotalSeconds);
            if (pending.Lags.Count > VehicleHealthRows.MaxLags)
                pending.Lags.Dequeue();
        }
        if (!(pending.LastReceivedAt >= message.ReceivedAt))
            pending.LastReceivedAt = message.ReceivedAt;
    });

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
            if (pending.LastReceivedAt is { } lastReceived)
                await UpdateAsync(vehicleId, VehicleHealthRows.RecentRowKey, row => AddRecent(row, pending, lastReceived));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Health counts of vehicle {VehicleId} not written; they are lost", vehicleId);
        }
    }

    private static void AddCounts(TableEntity row, HourCounts counts)
    {
        row["Stored"] = VehicleHealthRows.Count(row, "Stored") + counts.Stored;
        row["Repushed"] = VehicleHealthRows.Count(row, "Repushed") + counts.Repushed;
        foreach (var (code, n) in counts.Rejected)
            row[VehicleHealthRows.RejectedPrefix + code] = VehicleHealthRows.Count(row, VehicleHealthRows.RejectedPrefix + code) + n;
        if (counts.LastRejected is { } last && !(row.GetDateTimeOffset("LastRejectedAt") > last.At))
        {
            row["LastRejectedAt"] = last.At;
            row["LastRejectedCode"] = last.Code;
        }
    }

    private static void AddRecent(TableEntity row, Pending pending, DateTimeOffset lastReceived)
    {
        var lags = VehicleHealthRows.Lags(row).Concat(pending.Lags).TakeLast(VehicleHealthRows.MaxLags).ToList();
        row["Lags"] = VehicleHealthRows.LagBytes(lags);
        if (!(row.GetDateTimeOffset("LastReceivedAt") >= lastReceived))
            row["LastReceivedAt"] = lastReceived;
    }

    /// <summary>Read, change, write back conditionally on what was read; a row not there yet is added, unless the vehicle was deleted.</summary>
    private async Task UpdateAsync(string vehicleId, string rowKey, Action<TableEntity> change, Func<Task>? created = null)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var read = await Health(vehicleId).GetEntityIfExistsAsync<TableEntity>(vehicleId, rowKey);
            try
            {
                if (read.HasValue)
                {
                    var row = read.Value!;
                    change(row);
                    await Health(vehicleId).UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
                    return;
                }
                if (await IsDeletedAsync(vehicleId))
                    return;
                var added = new TableEntity(vehicleId, rowKey);
                change(added);
                await Health(vehicleId).AddEntityAsync(added);
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
        await foreach (var row in Health(vehicleId).QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            await Health(vehicleId).DeleteEntityAsync(vehicleId, row.RowKey, ETag.All);
    }

    private async Task<bool> IsDeletedAsync(string vehicleId)
    {
        var latest = await Telemetry(vehicleId).GetEntityIfExistsAsync<TableEntity>(vehicleId, TelemetryRows.LatestRowKey, ["Deleted"]);
        return latest.HasValue && latest.Value!.GetBoolean("Deleted") == true;
    }
}
