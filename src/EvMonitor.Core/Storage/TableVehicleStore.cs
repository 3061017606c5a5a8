using Azure.Data.Tables;
using EvMonitor.Domain;

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
        var found = await _owners.GetEntityIfExistsAsync<TableEntity>(vehicleId, "", ["UserId"], cancellationToken);
        return found.HasValue ? found.Value!.GetString("UserId") : null;
    }

    public async Task AddAsync(Vehicle vehicle, CancellationToken cancellationToken = default)
    {
        // The listing first: should the index write fail, the vehicle is visible but refuses pushes
        // (404) until added again, rather than accepting data for a vehicle its owner cannot see.
        await _vehicles.AddEntityAsync(new TableEntity(vehicle.UserId, vehicle.Id)
        {
            ["MakeId"] = vehicle.MakeId,
            ["ModelId"] = vehicle.ModelId,
            ["Nickname"] = vehicle.Nickname,
            ["Plan"] = vehicle.Plan,
        }, cancellationToken);
        await _owners.AddEntityAsync(new TableEntity(vehicle.Id, "") { ["UserId"] = vehicle.UserId }, cancellationToken);
    }

    private static Vehicle ToVehicle(TableEntity e) =>
        new(e.RowKey, e.PartitionKey, e.GetString("MakeId"), e.GetString("ModelId"), e.GetString("Nickname"), e.GetString("Plan") ?? "0");
}
