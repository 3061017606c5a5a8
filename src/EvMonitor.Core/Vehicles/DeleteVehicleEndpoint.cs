using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;
using EvMonitor.Telemetry;

namespace EvMonitor.Vehicles;

/// <summary>
/// <c>POST /api/delete_vehicle</c>: erases one of the caller's vehicles with all its telemetry and
/// what was derived from it (trips, charging sessions, delivery health: rows of the same partition).
/// Telemetry goes first and the ownership index last, so a delete that fails part-way (503) is
/// finished by sending it again.
/// </summary>
public sealed class DeleteVehicleEndpoint(IVehicleStore vehicles, ITelemetryHistory telemetry, VehicleAccess vehicleAccess, Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (owned, failure) = await vehicleAccess.ReadAsync(request, authenticator, cancellationToken: cancellationToken);
        if (failure is not null)
            return failure;

        // The telemetry first: its deleted marker stops the writes still under way (see TelemetryTable).
        await telemetry.DeleteAllAsync(owned!.VehicleId, cancellationToken);
        await vehicles.DeleteAsync(owned.UserId, owned.VehicleId, cancellationToken);
        vehicleAccess.Forget(owned.VehicleId);
        return ApiResult.Ok(new DeleteVehicleAnswer(owned.VehicleId));
    }
}
