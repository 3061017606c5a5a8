using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace EvMonitor.Vehicles;

/// <summary>The one ownership check every vehicle endpoint makes.</summary>
public sealed class VehicleAccess(IVehicleStore vehicles)
{
    private static readonly TimeSpan OwnerKeptFor = TimeSpan.FromMinutes(1);

    /// <summary>Vehicle id to the owner a check confirmed, for <see cref="CheckRememberedAsync"/>.</summary>
    private readonly MemoryCache _confirmed = new(new MemoryCacheOptions { SizeLimit = 100_000 });

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

    /// <summary>
    /// <see cref="CheckAsync"/> for <c>push</c>, which an app calls every few seconds: an ownership it
    /// confirmed is kept for a minute, so a push costs no read. A vehicle never changes owner, so the
    /// only thing this can miss is a delete within that minute (made on another instance, or while a
    /// check here was under way); pushes it then accepts are dropped by the normalizer, which checks
    /// against storage (see TelemetryTable).
    /// A refusal is never kept: a vehicle just added takes pushes at once.
    /// </summary>
    public async Task<ApiResult?> CheckRememberedAsync(string userId, string vehicleId, CancellationToken cancellationToken = default)
    {
        if (_confirmed.TryGetValue(vehicleId, out string? owner) && owner == userId)
            return null;
        var denied = await CheckAsync(userId, vehicleId, cancellationToken);
        if (denied is null)
            _confirmed.Set(vehicleId, userId, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = OwnerKeptFor });
        return denied;
    }

    /// <summary>After a delete: this instance checks the vehicle against storage again.</summary>
    public void Forget(string vehicleId) => _confirmed.Remove(vehicleId);

    /// <summary>
    /// What an endpoint about one of the caller's vehicles starts with: the body, the token, a
    /// <c>vehicle_id</c> (and whatever else <paramref name="validate"/> checks, its problems listed
    /// with the others), and ownership. Returns the request read, or the answer to give instead.
    /// </summary>
    public async Task<(OwnedVehicleRequest? Request, ApiResult? Failure)> ReadAsync(
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
        if (await CheckAsync(userId!, vehicleId!, cancellationToken) is { } denied)
            return (null, denied);
        return (new OwnedVehicleRequest(fields!, userId!, vehicleId!), null);
    }

    public static ApiResult NotFound(string vehicleId) =>
        ApiResult.Error(404, ErrorCodes.VehicleNotFound, $"No vehicle has the id '{vehicleId}'.");
}

/// <summary>A request about a vehicle its caller owns, as <see cref="VehicleAccess.ReadAsync"/> read and checked it.</summary>
public sealed record OwnedVehicleRequest(FieldBag Fields, string UserId, string VehicleId);
