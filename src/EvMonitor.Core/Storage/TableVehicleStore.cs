using Azure;
using Azure.Data.Tables;
using EvMonitor.Domain;
using EvMonitor.Vehicles;

namespace EvMonitor.Storage;

/// <summary>
/// Vehicles under their owner (<c>vehicles</c>: user id / vehicle id), so listing a user's vehicles is one
/// partition query; and an owner index (<c>vehicleowners</c>: vehicle id) so a push checks ownership
/// with one point read.
/// </summary>
public sealed class TableVehicleStore(StorageClients storage) : IVehicleStore
{
    private readonly TableClient _vehicles = storage.Table(storage.Names.Vehicles);
    private readonly TableClient _owners = storage.Table(storage.Names.VehicleOwners);

    public async Task<IReadOnlyList<Vehicle>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var list = new List<Vehicle>();
        await foreach (var e in _vehicles.QueryAsync<TableEntity>(v => v.PartitionKey == userId, cancellationToken: cancellationToken))
            list.Add(ToVehicle(e));
        return list;
    }

    public async Task<string?> FindOwnerAsync(string vehicleId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.CanBeKey(vehicleId))
            return null;
        var found = await _owners.GetEntityIfExistsAsync<TableEntity>(vehicleId, "", ["UserId"], cancellationToken);
        return found.HasValue ? found.Value!.GetString("UserId") : null;
    }

    public async Task AddAsync(Vehicle vehicle, CancellationToken cancellationToken = default)
    {
        // The listing first: should the index write fail, the vehicle is visible but refuses pushes
        // (404) until added again, rather than accepting data for a vehicle its owner cannot see.
        await _vehicles.AddEntityAsync(ToEntity(vehicle), cancellationToken);
        await _owners.AddEntityAsync(new TableEntity(vehicle.Id, "") { ["UserId"] = vehicle.UserId }, cancellationToken);
    }

    public async Task<Vehicle?> UpdateAsync(string userId, string vehicleId, string? nickname, string? timeZone, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.CanBeKey(userId) || !TableKeys.CanBeKey(vehicleId))
            return null;
        var found = await _vehicles.GetEntityIfExistsAsync<TableEntity>(userId, vehicleId, cancellationToken: cancellationToken);
        if (!found.HasValue)
            return null;
        var change = new TableEntity(userId, vehicleId);
        if (nickname is not null)
            change["Nickname"] = nickname;
        if (timeZone is not null)
            change["TimeZone"] = timeZone;
        try
        {
            // Only the fields sent, merged unconditionally: an update never depends on what it replaces, so
            // concurrent updates cannot conflict, and each writes its whole values in one operation.
            // An update (unlike an upsert) fails on a vehicle deleted since the read instead of bringing it back.
            await _vehicles.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        var before = ToVehicle(found.Value!);
        return before with { Nickname = nickname ?? before.Nickname, TimeZone = timeZone ?? before.TimeZone };
    }

    public async Task DeleteAsync(string userId, string vehicleId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.CanBeKey(userId) || !TableKeys.CanBeKey(vehicleId))
            return;
        // The index last: while it remains, the owner can repeat the delete (ownership is checked
        // against it); once it is gone, the vehicle takes no more pushes.
        await _vehicles.DeleteEntityAsync(userId, vehicleId, ETag.All, cancellationToken);
        await _owners.DeleteEntityAsync(vehicleId, "", ETag.All, cancellationToken);
    }

    private static TableEntity ToEntity(Vehicle vehicle) => new(vehicle.UserId, vehicle.Id)
    {
        ["MakeId"] = vehicle.MakeId,
        ["ModelId"] = vehicle.ModelId,
        ["Nickname"] = vehicle.Nickname,
        ["Plan"] = vehicle.Plan,
        ["TimeZone"] = vehicle.TimeZone,
    };

    private static Vehicle ToVehicle(TableEntity e) =>
        new(e.RowKey, e.PartitionKey, e.GetString("MakeId"), e.GetString("ModelId"), e.GetString("Nickname"), e.GetString("Plan") ?? "0",
            e.GetString("TimeZone") ?? VehicleTimeZone.Default);
}
