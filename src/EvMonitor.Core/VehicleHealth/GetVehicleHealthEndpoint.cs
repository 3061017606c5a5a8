using System.Text.Json.Nodes;
using Azure.Data.Tables;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;

namespace EvMonitor.VehicleHealth;

/// <summary>
/// <c>POST /api/get_vehicle_health</c>: how one of the caller's vehicles' data is arriving, for an
/// app developer debugging an app. Three reads whatever the history: the vehicle's <c>latest</c>
/// row, its <c>health-recent</c> row, and one range query of at most 24 hour rows.
/// </summary>
public sealed class GetVehicleHealthEndpoint(StorageClients storage, VehicleAccess vehicleAccess, Authenticator authenticator, TimeProvider clock) : IApiEndpoint
{
    private readonly TableClient _health = storage.Table(storage.Names.Journeys);
    private readonly TableClient _telemetry = storage.Table(storage.Names.Telemetry);

    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (owned, failure) = await vehicleAccess.ReadAsync(request, authenticator, cancellationToken: cancellationToken);
        if (failure is not null)
            return failure;
        var vehicleId = owned!.VehicleId;

        var latest = await _telemetry.GetEntityIfExistsAsync<TableEntity>(vehicleId, TelemetryRows.LatestRowKey, ["UnixTime"], cancellationToken);
        var recent = await _health.GetEntityIfExistsAsync<TableEntity>(vehicleId, VehicleHealthRows.RecentRowKey, cancellationToken: cancellationToken);
        var hour = VehicleHealthRows.HourOf(clock.GetUtcNow());
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {vehicleId} and RowKey gt {VehicleHealthRows.HourKey(hour - VehicleHealthRows.HoursKept)} and RowKey le {VehicleHealthRows.HourKey(hour)}");
        var hours = new List<TableEntity>();
        await foreach (var row in _health.QueryAsync<TableEntity>(filter, VehicleHealthRows.HoursKept, cancellationToken: cancellationToken))
            hours.Add(row);

        var lags = recent.HasValue ? VehicleHealthRows.Lags(recent.Value!) : [];
        Array.Sort(lags);
        var lastRejected = hours.Where(h => h.GetDateTimeOffset("LastRejectedAt") is not null).MaxBy(h => h.GetDateTimeOffset("LastRejectedAt"));
        var byCode = new JsonObject();
        foreach (var (code, count) in hours
            .SelectMany(h => h.Keys.Where(k => k.StartsWith(VehicleHealthRows.RejectedPrefix, StringComparison.Ordinal)).Select(k => (Code: k[VehicleHealthRows.RejectedPrefix.Length..], Count: VehicleHealthRows.Count(h, k))))
            .GroupBy(c => c.Code, c => c.Count)
            .Select(g => (g.Key, g.Sum()))
            .OrderBy(c => c.Key, StringComparer.Ordinal))
            byCode[code] = count;

        return ApiResult.Ok(new JsonObject
        {
            ["vehicle_id"] = vehicleId,
            ["last_measured"] = latest.HasValue ? latest.Value!.GetInt64("UnixTime") : null,
            ["last_received"] = recent.HasValue ? recent.Value!.GetDateTimeOffset("LastReceivedAt")?.ToUnixTimeSeconds() : null,
            ["lag_snapshots"] = lags.Length,
            ["lag_p50_s"] = Percentile(lags, 50),
            ["lag_p95_s"] = Percentile(lags, 95),
            ["stored_24h"] = hours.Sum(h => VehicleHealthRows.Count(h, "Stored")),
            ["repushed_24h"] = hours.Sum(h => VehicleHealthRows.Count(h, "Repushed")),
            ["rejected_24h"] = new JsonObject
            {
                ["total"] = byCode.Sum(c => (int)c.Value!),
                ["by_code"] = byCode,
                ["last_at"] = lastRejected?.GetDateTimeOffset("LastRejectedAt")?.ToUnixTimeSeconds(),
                ["last_code"] = lastRejected?.GetString("LastRejectedCode"),
            },
        });
    }

    /// <summary>Nearest rank, to the millisecond; null with no lags.</summary>
    private static double? Percentile(double[] sorted, int percent) =>
        sorted.Length == 0 ? null : Math.Round(sorted[(int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1], 3);
}
