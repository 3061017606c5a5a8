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
        var addition = await accounts.AddVehicleAsync(userId!, fields!["make"], fields["model"], fields["nickname"], fields["plan"], cancellationToken, fields["time_zone"]);
        return ToResult(addition);
    }

    /// <summary>The answer to a vehicle's addition, from the API or the operator CLI.</summary>
    public static ApiResult ToResult(VehicleAddition addition) => addition.Outcome switch
    {
        VehicleAdditionOutcome.Added => ApiResult.Ok(new VehicleAnswer(VehicleView.Of(addition.Vehicle!))),
        VehicleAdditionOutcome.Invalid => ApiResult.Invalid(addition.Errors),
        VehicleAdditionOutcome.MakeNotFound => ApiResult.Error(404, ErrorCodes.MakeNotFound, $"No make has the id '{addition.MakeId}'."),
        _ => ApiResult.Error(404, ErrorCodes.ModelNotFound, $"No model of {addition.MakeName} has the id '{addition.ModelId}'."),
    };
}
