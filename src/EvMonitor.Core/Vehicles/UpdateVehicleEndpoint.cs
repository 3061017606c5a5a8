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
        var (fields, userId, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return failure;

        var errors = new List<FieldError>();
        var vehicleId = RequestFields.Required(fields!, "vehicle_id", errors);
        var nickname = AccountService.ReadNickname(fields!["nickname"], errors);
        if (errors.Count > 0)
            return ApiResult.Invalid(errors);
        if (await vehicleAccess.CheckAsync(userId!, vehicleId!, cancellationToken) is { } denied)
            return denied;

        var updated = await vehicles.UpdateAsync(userId!, vehicleId!, v => v with { Nickname = nickname! }, cancellationToken);
        return updated is null
            ? VehicleAccess.NotFound(vehicleId!)
            : ApiResult.Ok(new JsonObject { ["vehicle"] = GetVehiclesEndpoint.ToJson(updated) });
    }
}
