using EvMonitor.Api;
using EvMonitor.Storage;

namespace EvMonitor.Vehicles;

/// <summary>The one ownership check every vehicle endpoint makes.</summary>
public sealed class VehicleAccess(IVehicleStore vehicles)
{
    /// <returns>null when <paramref name="userId"/> owns the vehicle; otherwise the 403 or 404 to answer.</returns>
    public async Task<ApiResult?> CheckAsync(string userId, string vehicleId, CancellationToken cancellationToken = default)
    {
        var owner = await vehicles.FindOwnerAsync(vehicleId, cancellationToken);
        if (owner is null)
            return NotFound(vehicleId);
        if (owner != userId)
            return ApiResult.Error(403, ErrorCodes.VehicleForbidden, "That vehicle belongs to another account.");
        return null;
    }

    public static ApiResult NotFound(string vehicleId) =>
        ApiResult.Error(404, ErrorCodes.VehicleNotFound, $"No vehicle has the id '{vehicleId}'.");
}
