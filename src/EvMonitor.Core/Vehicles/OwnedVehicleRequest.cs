using EvMonitor.Api;
using EvMonitor.Auth;

namespace EvMonitor.Vehicles;

/// <summary>A request about a vehicle its caller owns, as <see cref="OwnedVehicleRequests.ReadAsync"/> read and checked it.</summary>
public sealed record OwnedVehicleRequest(FieldBag Fields, string UserId, string VehicleId);

public static class OwnedVehicleRequests
{
    /// <summary>
    /// What an endpoint about one of the caller's vehicles starts with: the body, the token, a
    /// <c>vehicle_id</c> (and whatever else <paramref name="validate"/> checks, its problems listed
    /// with the others), and ownership. Returns the request read, or the answer to give instead.
    /// </summary>
    public static async Task<(OwnedVehicleRequest? Request, ApiResult? Failure)> ReadAsync(this VehicleAccess vehicleAccess,
        ApiRequest request, Authenticator authenticator, Action<FieldBag, List<FieldError>>? validate = null, CancellationToken cancellationToken = default)
    {
        var (fields, userId, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return (null, failure);

        var errors = new List<FieldError>();
        var vehicleId = RequestFields.Required(fields!, "vehicle_id", errors);
        validate?.Invoke(fields!, errors);
        if (errors.Count > 0)
            return (null, ApiResult.Invalid(errors));
        if (Refusals.Vehicle(await vehicleAccess.CheckAsync(userId!, vehicleId!, cancellationToken), vehicleId!) is { } denied)
            return (null, denied);
        return (new OwnedVehicleRequest(fields!, userId!, vehicleId!), null);
    }
}
