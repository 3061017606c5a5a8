using System.Text.Json.Nodes;
using EvMonitor.Accounts;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;

namespace EvMonitor.Vehicles;

/// <summary><c>POST /api/update_vehicle</c>: renames one of the caller's vehicles.</summary>
public sealed class UpdateVehicleEndpoint(IVehicleStore vehicles, VehicleAccess vehicleAccess, Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        string? nickname = null;
        var (owned, failure) = await vehicleAccess.ReadAsync(request, authenticator,
            (fields, errors) => nickname = AccountService.ReadNickname(fields["nickname"], errors), cancellationToken);
        if (failure is not null)
            return failure;

        var updated = await vehicles.RenameAsync(owned!.UserId, owned.VehicleId, nickname!, cancellationToken);
        return updated is null
            ? VehicleAccess.NotFound(owned.VehicleId)
            : ApiResult.Ok(new JsonObject { ["vehicle"] = GetVehiclesEndpoint.ToJson(updated) });
    }
}
