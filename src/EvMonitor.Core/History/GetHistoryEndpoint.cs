using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;

namespace EvMonitor.History;

/// <summary>
/// <c>POST /api/get_history</c>: one of the caller's vehicles' snapshots measured in a time range,
/// in time order, a page at a time; <c>next_cursor</c> fetches the next page and is null on the last.
/// </summary>
public sealed class GetHistoryEndpoint(ITelemetryHistory history, VehicleAccess vehicleAccess, Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, userId, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return failure;
        var (query, errors) = HistoryQuery.Read(fields!);
        if (query is null)
            return ApiResult.Invalid(errors);
        if (Refusals.Vehicle(await vehicleAccess.CheckAsync(userId!, query.VehicleId, cancellationToken), query.VehicleId) is { } denied)
            return denied;

        var page = await history.ReadAsync(query.VehicleId, query.Start, query.To, query.Limit, cancellationToken);
        return ApiResult.Ok(new HistoryAnswer(query.VehicleId, page.Snapshots,
            page.Next is { } next ? HistoryCursor.Encode(query.VehicleId, next) : null));
    }
}
