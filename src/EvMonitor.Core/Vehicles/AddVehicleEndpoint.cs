using System.Text.Json.Nodes;
using EvMonitor.Accounts;
using EvMonitor.Api;
using EvMonitor.Auth;

namespace EvMonitor.Vehicles;

/// <summary><c>POST /api/add_vehicle</c>: a new vehicle of a catalog make and model for the caller.</summary>
public sealed class AddVehicleEndpoint(AccountService accounts, Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, userId, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return failure;
        var (vehicle, refused) = await accounts.AddVehicleAsync(userId!, fields!["make"], fields["model"], fields["nickname"], fields["plan"], cancellationToken, fields["time_zone"]);
        return refused ?? ApiResult.Ok(new JsonObject { ["vehicle"] = GetVehiclesEndpoint.ToJson(vehicle!) });
    }
}
