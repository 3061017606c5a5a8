using Azure.Data.Tables;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;

namespace EvMonitor.VehicleHealth;

/// <summary>
/// <c>POST /api/get_vehicle_health</c>: how one of the caller's vehicles' data is arriving, for an
/// app developer debugging an app. Two reads whatever the history: the vehicle's <c>latest</c> row
/// (what was stored, <see cref="DeliveryFigures"/>) and one range query of at most 24 hour rows of refused pushes.
/// </summary>
public sealed class GetVehicleHealthEndpoint(StorageClients storage, VehicleAccess vehicleAccess, Authenticator authenticator, TimeProvider clock) : IApiEndpoint
{
    private TableClient Telemetry(string vehicleId) => storage.TelemetryTableOf(vehicleId);

    private static readonly string[] LatestColumns = ["UnixTime", .. DeliveryFigures.Columns];

    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (owned, failure) = await vehicleAccess.ReadAsync(request, authenticator, cancellationToken: cancellationToken);
        if (failure is not null)
            return failure;
        var vehicleId = owned!.VehicleId;

        var latest = await Telemetry(vehicleId).GetEntityIfExistsAsync<TableEntity>(vehicleId, TelemetryRows.LatestRowKey, LatestColumns, cancellationToken);
        var delivery = latest.HasValue ? DeliveryFigures.From(latest.Value!) : DeliveryFigures.None;
        var hour = VehicleHealthRows.HourOf(clock.GetUtcNow());
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {vehicleId} and RowKey gt {VehicleHealthRows.HourKey(hour - VehicleHealthRows.HoursKept)} and RowKey le {VehicleHealthRows.HourKey(hour)}");
        var hours = new List<TableEntity>();
        await foreach (var row in Telemetry(vehicleId).QueryAsync<TableEntity>(filter, VehicleHealthRows.HoursKept, cancellationToken: cancellationToken))
            hours.Add(row);

        var lags = delivery.Lags.Order().ToArray();
        var (stored, repushed) = delivery.Last24Hours(hour);
        var lastRejected = hours.Where(h => h.GetDateTimeOffset("LastRejectedAt") is not null).MaxBy(h => h.GetDateTimeOffset("LastRejectedAt"));
        var byCode = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var hourRow in hours)
        {
            foreach (var key in hourRow.Keys.Where(k => k.StartsWith(VehicleHealthRows.RejectedPrefix, StringComparison.Ordinal)))
            {
                var code = key[VehicleHealthRows.RejectedPrefix.Length..];
                byCode[code] = byCode.GetValueOrDefault(code) + VehicleHealthRows.Count(hourRow, key);
            }
        }

        return ApiResult.Ok(new VehicleHealthAnswer(
            vehicleId,
            LastMeasured: latest.HasValue ? latest.Value!.GetInt64("UnixTime") : null,
            LastReceived: delivery.LastReceivedAt?.ToUnixTimeSeconds(),
            LagSnapshots: lags.Length,
            LagP50S: Percentile(lags, 50),
            LagP95S: Percentile(lags, 95),
            Stored24h: stored,
            Repushed24h: repushed,
            Rejected24h: new RejectedPushes(
                byCode.Values.Sum(),
                byCode,
                lastRejected?.GetDateTimeOffset("LastRejectedAt")?.ToUnixTimeSeconds(),
                lastRejected?.GetString("LastRejectedCode"))));
    }

    /// <summary>Nearest rank, to the millisecond; null with no lags.</summary>
    private static double? Percentile(double[] sorted, int percent) =>
        sorted.Length == 0 ? null : Math.Round(sorted[(int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1], 3);
}
