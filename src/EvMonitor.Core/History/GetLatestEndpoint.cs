using System.Text.Json.Nodes;
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
        var (fields, userId, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return failure;

        var errors = new List<FieldError>();
        var vehicleId = RequestFields.Required(fields!, "vehicle_id", errors);
        if (errors.Count > 0)
            return ApiResult.Invalid(errors);
        if (await vehicleAccess.CheckAsync(userId!, vehicleId!, cancellationToken) is { } denied)
            return denied;

        return ApiResult.Ok(new JsonObject
        {
            ["vehicle_id"] = vehicleId,
            ["snapshot"] = await history.ReadLatestAsync(vehicleId!, cancellationToken),
        });
    }
}
