using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;

namespace EvMonitor.Vehicles;

/// <summary><c>POST /api/get_vehicles</c>: the caller's own vehicles.</summary>
public sealed class GetVehiclesEndpoint(IVehicleStore vehicles, Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (_, userId, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return failure;

        var list = await vehicles.ListAsync(userId!, cancellationToken);
        return ApiResult.Ok(new VehiclesAnswer([.. list.Select(VehicleView.Of)]));
    }
}
