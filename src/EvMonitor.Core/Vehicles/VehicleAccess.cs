using EvMonitor.Storage;

namespace EvMonitor.Vehicles;

/// <summary>The one ownership check every vehicle endpoint makes.</summary>
/// <param name="clock">The system's unless a test's.</param>
public sealed class VehicleAccess(IVehicleStore vehicles, TimeProvider? clock = null)
{
    private static readonly TimeSpan OwnerKeptFor = TimeSpan.FromMinutes(1);

    /// <summary>Vehicle id to the owner a check confirmed, for <see cref="CheckRememberedAsync"/>; read again near the end of its minute while in use.</summary>
    private readonly ReadAheadMemory<string> _confirmed = new(OwnerKeptFor, clock ?? TimeProvider.System, vehicleId => vehicles.FindOwnerAsync(vehicleId));

    public async Task<VehicleOwnership> CheckAsync(string userId, string vehicleId, CancellationToken cancellationToken = default)
    {
        var owner = await vehicles.FindOwnerAsync(vehicleId, cancellationToken);
        return owner is null ? VehicleOwnership.NotFound
            : owner != userId ? VehicleOwnership.OtherOwner
            : VehicleOwnership.Owned;
    }

    /// <summary>
    /// <see cref="CheckAsync"/> for <c>push</c>, which an app calls every few seconds: an ownership it
    /// confirmed is kept for a minute, so a push costs no read, and read again in the background near
    /// the end of that minute while pushes keep coming (<see cref="ReadAheadMemory{T}"/>), so they never
    /// wait for it. A vehicle never changes owner, so the
    /// only thing this can miss is a delete within that minute (made on another instance, or while a
    /// check here was under way); pushes it then accepts are dropped by the normalizer, which checks
    /// against storage (see TelemetryTable).
    /// A refusal is never kept: a vehicle just added takes pushes at once.
    /// </summary>
    public async Task<VehicleOwnership> CheckRememberedAsync(string userId, string vehicleId, CancellationToken cancellationToken = default)
    {
        if (_confirmed.Get(vehicleId) == userId)
            return VehicleOwnership.Owned;
        var ownership = await CheckAsync(userId, vehicleId, cancellationToken);
        if (ownership == VehicleOwnership.Owned)
            _confirmed.Keep(vehicleId, userId);
        return ownership;
    }

    /// <summary>After a delete: this instance checks the vehicle against storage again.</summary>
    public void Forget(string vehicleId) => _confirmed.Forget(vehicleId);
}
