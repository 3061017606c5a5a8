using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;
using EvMonitor.Telemetry;

namespace EvMonitor.Vehicles;

/// <summary>
/// <c>POST /api/delete_vehicle</c>: erases one of the caller's vehicles with all its telemetry.
/// Telemetry goes first and the ownership index last, so a delete that fails part-way (503) is
/// finished by sending it again.
/// </summary>
public sealed class DeleteVehicleEndpoint(IVehicleStore vehicles, ITelemetryHistory telemetry, VehicleAccess vehicleAccess, Authenticator authenticator) : IApiEndpoint
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

        await telemetry.DeleteAllAsync(vehicleId!, cancellationToken);
        await vehicles.DeleteAsync(userId!, vehicleId!, cancellationToken);
        return ApiResult.Ok(new JsonObject { ["vehicle_id"] = vehicleId });
    }
}
