using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Domain;
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

        var list = new JsonArray();
        foreach (var vehicle in await vehicles.ListAsync(userId!, cancellationToken))
            list.Add(ToJson(vehicle));
        return ApiResult.Ok(new JsonObject { ["vehicles"] = list });
    }

    /// <summary>A vehicle as the original service showed it: every value a string.</summary>
    public static JsonObject ToJson(Vehicle vehicle) => new()
    {
        ["id"] = vehicle.Id,
        ["user_id"] = vehicle.UserId,
        ["make"] = vehicle.MakeId,
        ["model"] = vehicle.ModelId,
        ["nickname"] = vehicle.Nickname,
        ["plan"] = vehicle.Plan,
        ["time_zone"] = vehicle.TimeZone,
    };
}
