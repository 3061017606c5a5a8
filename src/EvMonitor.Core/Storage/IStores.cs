using EvMonitor.Domain;

namespace EvMonitor.Storage;

public interface IUserStore
{
    /// <summary>The user, or null when there is none or it is being deleted.</summary>
    Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>False when a user with that e-mail exists already.</summary>
    Task<bool> TryAddAsync(User user, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the user as being deleted, after which <see cref="FindByEmailAsync"/> no longer finds it;
    /// returns the user (also when marked already), or null when there is none.
    /// </summary>
    Task<User?> MarkDeletedAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Removes the user's row; nothing happens when it is not stored.</summary>
    Task DeleteAsync(string email, CancellationToken cancellationToken = default);
}

public interface ITokenStore
{
    Task AddAsync(SessionToken token, CancellationToken cancellationToken = default);
    Task<SessionToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Revokes one token; nothing happens when it is not stored.</summary>
    Task DeleteAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Revokes every token of the user; returns how many there were.</summary>
    Task<int> DeleteAllOfUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the tokens that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}

public interface IVehicleStore
{
    Task<IReadOnlyList<Vehicle>> ListAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The owner's user id, or null when no such vehicle exists.</summary>
    Task<string?> FindOwnerAsync(string vehicleId, CancellationToken cancellationToken = default);

    Task AddAsync(Vehicle vehicle, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the vehicle's nickname and nothing else, in one write that never conflicts with another
    /// rename: of renames at the same moment, the last one written wins whole.
    /// </summary>
    /// <returns>The vehicle as renamed, or null when <paramref name="userId"/> has no such vehicle.</returns>
    Task<Vehicle?> UpdateAsync(string userId, string vehicleId, string? nickname, string? timeZone, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the vehicle from its owner's list, then its owner-index row. Rows already gone are
    /// fine, so a delete that failed part-way can simply be repeated.
    /// </summary>
    Task DeleteAsync(string userId, string vehicleId, CancellationToken cancellationToken = default);
}

public interface ICatalogStore
{
    Task<Make?> FindMakeAsync(string makeId, CancellationToken cancellationToken = default);
    Task<Model?> FindModelAsync(string modelId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Make>> ListMakesAsync(CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Model>> ListModelsAsync(string? makeId = null, CancellationToken cancellationToken = default);
    Task UpsertAsync(IReadOnlyList<Make> makes, IReadOnlyList<Model> models, CancellationToken cancellationToken = default);
}
