using System.Globalization;
using EvMonitor.Auth;
using EvMonitor.Vehicles;

namespace EvMonitor.Api;

/// <summary>
/// The answers for the outcomes many endpoints share (a token refused, a vehicle not the caller's, a
/// throttle's wait): the one place their statuses, codes and sentences are set.
/// </summary>
public static class Refusals
{
    public static ApiResult Token(TokenRejection rejection) => rejection switch
    {
        TokenRejection.Missing => ApiResult.Error(401, ErrorCodes.TokenRequired, "A token is required: log in first and send the token it returns."),
        TokenRejection.Expired => ApiResult.Error(401, ErrorCodes.TokenExpired, "The token has expired (tokens are valid for 10 minutes). Log in again to get a new one."),
        _ => ApiResult.Error(401, ErrorCodes.TokenInvalid, "The token is not valid. Log in again to get a new one."),
    };

    /// <returns>Null when the vehicle is the caller's.</returns>
    public static ApiResult? Vehicle(VehicleOwnership ownership, string vehicleId) => ownership switch
    {
        VehicleOwnership.Owned => null,
        VehicleOwnership.OtherOwner => ApiResult.Error(403, ErrorCodes.VehicleForbidden, "That vehicle belongs to another account."),
        _ => VehicleNotFound(vehicleId),
    };

    public static ApiResult VehicleNotFound(string vehicleId) =>
        ApiResult.Error(404, ErrorCodes.VehicleNotFound, $"No vehicle has the id '{vehicleId}'.");

    /// <param name="what">What there were too many of, as the sentence names it (<c>failed logins</c>).</param>
    public static ApiResult TooManyAttempts(TimeSpan wait, string what)
    {
        var seconds = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return ApiResult.Error(429, ErrorCodes.TooManyAttempts, $"Too many {what}. Try again in {seconds} seconds.", retryAfter: wait);
    }
}
