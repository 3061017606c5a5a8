using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;

namespace EvMonitor.History;

/// <summary><c>POST /api/get_latest</c>: the newest snapshot of one of the caller's vehicles; <c>null</c> before its first push is stored.</summary>
public sealed class GetLatestEndpoint(ITelemetryHistory history, VehicleAccess vehicleAccess, Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (owned, failure) = await vehicleAccess.ReadAsync(request, authenticator, cancellationToken: cancellationToken);
        if (failure is not null)
            return failure;

        return ApiResult.Ok(new LatestAnswer(owned!.VehicleId, await history.ReadLatestAsync(owned.VehicleId, cancellationToken)));
    }
}
