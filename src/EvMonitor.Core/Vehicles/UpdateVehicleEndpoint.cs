using EvMonitor.Accounts;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;

namespace EvMonitor.Vehicles;

/// <summary>
/// <c>POST /api/update_vehicle</c>: renames one of the caller's vehicles and/or sets its time zone;
/// a field not sent is kept.
/// </summary>
public sealed class UpdateVehicleEndpoint(IVehicleStore vehicles, VehicleAccess vehicleAccess, Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        string? nickname = null;
        string? timeZone = null;
        var (owned, failure) = await vehicleAccess.ReadAsync(request, authenticator, (fields, errors) =>
        {
            timeZone = fields["time_zone"] is { } zone ? VehicleTimeZone.Read(zone, errors) : null;
            // Without a time zone to set, there is only the nickname, which is then required.
            if (fields["nickname"] is not null || fields["time_zone"] is null)
                nickname = AccountService.ReadNickname(fields["nickname"], errors);
        }, cancellationToken);
        if (failure is not null)
            return failure;

        var updated = await vehicles.UpdateAsync(owned!.UserId, owned.VehicleId, nickname, timeZone, cancellationToken);
        return updated is null
            ? Refusals.VehicleNotFound(owned.VehicleId)
            : ApiResult.Ok(new VehicleAnswer(VehicleView.Of(updated)));
    }
}
