using EvMonitor.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace EvMonitor.Vehicles;

/// <summary>The one ownership check every vehicle endpoint makes.</summary>
public sealed class VehicleAccess(IVehicleStore vehicles)
{
    private static readonly TimeSpan OwnerKeptFor = TimeSpan.FromMinutes(1);

    /// <summary>Vehicle id to the owner a check confirmed, for <see cref="CheckRememberedAsync"/>.</summary>
    private readonly MemoryCache _confirmed = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task<VehicleOwnership> CheckAsync(string userId, string vehicleId, CancellationToken cancellationToken = default)
    {
        var owner = await vehicles.FindOwnerAsync(vehicleId, cancellationToken);
        return owner is null ? VehicleOwnership.NotFound
            : owner != userId ? VehicleOwnership.OtherOwner
            : VehicleOwnership.Owned;
    }

    /// <summary>
    /// <see cref="CheckAsync"/> for <c>push</c>, which an app calls every few seconds: an ownership it
    /// confirmed is kept for a minute, so a push costs no read. A vehicle never changes owner, so the
    /// only thing this can miss is a delete within that minute (made on another instance, or while a
    /// check here was under way); pushes it then accepts are dropped by the normalizer, which checks
    /// against storage (see TelemetryTable).
    /// A refusal is never kept: a vehicle just added takes pushes at once.
    /// </summary>
    public async Task<VehicleOwnership> CheckRememberedAsync(string userId, string vehicleId, CancellationToken cancellationToken = default)
    {
        if (_confirmed.TryGetValue(vehicleId, out string? owner) && owner == userId)
            return VehicleOwnership.Owned;
        var ownership = await CheckAsync(userId, vehicleId, cancellationToken);
        if (ownership == VehicleOwnership.Owned)
            _confirmed.Set(vehicleId, userId, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = OwnerKeptFor });
        return ownership;
    }

    /// <summary>After a delete: this instance checks the vehicle against storage again.</summary>
    public void Forget(string vehicleId) => _confirmed.Remove(vehicleId);
}
