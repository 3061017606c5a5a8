using EvMonitor.Storage;
using EvMonitor.Telemetry;

namespace EvMonitor.Accounts;

/// <summary>
/// Removes a user for good: their tokens, their vehicles with all telemetry, then the user. The user
/// is first marked deleted, which ends logging in; a login already past its password check finds the
/// mark when it looks the user up again, and revokes the token it issued. Every step can be repeated,
/// so a delete that failed part-way is finished by running it again.
/// </summary>
public sealed class AccountDeletion(IUserStore users, ITokenStore tokens, IVehicleStore vehicles, ITelemetryHistory telemetry)
{
    public sealed record Deleted(string UserId, int Vehicles, int TokensRevoked);

    /// <returns>What went, or null when no user has that e-mail.</returns>
    public async Task<Deleted?> DeleteAsync(string email, CancellationToken cancellationToken = default)
    {
        var user = await users.MarkDeletedAsync(email, cancellationToken);
        if (user is null)
            return null;
        var revoked = await tokens.DeleteAllOfUserAsync(user.UserId, cancellationToken);
        var owned = await vehicles.ListAsync(user.UserId, cancellationToken);
        foreach (var vehicle in owned)
        {
            // As delete_vehicle does it: telemetry first (its marker stops queued pushes), the vehicle last.
            await telemetry.DeleteAllAsync(vehicle.Id, cancellationToken);
            await vehicles.DeleteAsync(user.UserId, vehicle.Id, cancellationToken);
        }
        await users.DeleteAsync(email, cancellationToken);
        return new Deleted(user.UserId, owned.Count, revoked);
    }
}
