using Azure.Data.Tables;
using Azure.Storage.Queues;
using EvMonitor.Accounts;
using EvMonitor.Functions.Functions;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// Four telemetry queues over two storage accounts (two Azurites), under the local host: shard k's
/// queue and its vehicles' telemetry are in account k mod 2, what is stored is exactly what was
/// acknowledged, and reads and deletes find each vehicle's rows in its account. The rows are looked
/// up with clients of each Azurite's own, not through the app's routing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TelemetryAccountsTests(AzuriteFixture azurite)
{
    private const int Shards = 4;
    private const int PushesPerVehicle = 2;

    [TwoAccountsFact]
    public async Task EachVehiclesQueueAndTelemetryAreInTheAccountOfItsShardAndStoredAsAcknowledged()
    {
        string[] accounts = [azurite.ConnectionString, SecondStorage.ConnectionString];
        await using var service = await RunningService.StartAsync(azurite,
            NormalizeTelemetryFunction.ShardSettings(Shards, accounts[0], accounts[1]).ToDictionary(kv => kv.Key, kv => kv.Value!));
        var names = service.Storage.Names;
        var owner = await service.CreateAccountAsync();
        var vehicleIds = new List<string> { owner.VehicleId };
        var vehicles = service.Services.GetRequiredService<AccountService>();
        // Ids are random: add vehicles until every shard has two.
        while (Enumerable.Range(0, Shards).Any(shard => vehicleIds.Count(id => names.Shards.ShardOf(id) == shard) < 2))
        {
            Assert.True(vehicleIds.Count < 100, "The vehicle ids do not spread over the shards.");
            vehicleIds.Add((await vehicles.AddVehicleAsync(owner.UserId, "energica", "energica-ss9", $"Vehicle {vehicleIds.Count}", "0")).Vehicle!.Id);
        }
        var app = service.Client.ClientFor(owner);
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600;

        var accepted = new Dictionary<string, int>();
        foreach (var vehicleId in vehicleIds)
        {
            for (var push = 0; push < PushesPerVehicle; push++)
            {
                accepted[vehicleId] = accepted.GetValueOrDefault(vehicleId) + await app.PushAsync(vehicleId, SeedExample.Snapshots(start + push * 100), SeedExample.UserAgent);
            }
        }

        // Each account looked at directly: shard k's vehicles in account k mod 2, none in the other.
        var tables = accounts.Select(a => new TableServiceClient(a).GetTableClient(names.Telemetry)).ToArray();
        var rowsPerVehicle = PushesPerVehicle * (SeedExample.RowCount - 1) + 1;
        await ApiCalls.EventuallyAsync(async () =>
        {
            foreach (var vehicleId in vehicleIds)
            {
                if ((await RowsAsync(tables[names.Shards.ShardOf(vehicleId) % 2], vehicleId)).Count < rowsPerVehicle)
                    return false;
            }
            return true;
        }, TimeSpan.FromSeconds(60));
        foreach (var vehicleId in vehicleIds)
        {
            var account = names.Shards.ShardOf(vehicleId) % 2;
            var rows = await RowsAsync(tables[account], vehicleId);
            Assert.Equal(rowsPerVehicle, rows.Count);
            Assert.Equal(accepted[vehicleId], rows.Count(r => r.GetString("Kind") == TelemetryRows.KindSnapshot));
            Assert.Empty(await tables[1 - account].QueryAsync<TableEntity>(e => e.PartitionKey == vehicleId).ToListAsync());
        }

        // Each shard's queue (and its poison queue) exists in its own account only, drained and clean.
        foreach (var shard in Enumerable.Range(0, Shards))
        {
            var queue = names.TelemetryQueueOf(shard);
            var home = new QueueServiceClient(accounts[shard % 2]);
            Assert.Equal(0, (await home.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
            Assert.Equal(0, (await home.GetQueueClient(names.TelemetryPoisonQueueOf(shard)).GetPropertiesAsync()).Value.ApproximateMessagesCount);
            Assert.False((await new QueueServiceClient(accounts[1 - shard % 2]).GetQueueClient(queue).ExistsAsync()).Value);
        }

        // The API reads a vehicle of the second account from there, and deleting it empties its partition there.
        var elsewhere = vehicleIds.First(id => names.Shards.ShardOf(id) % 2 == 1);
        var latest = await app.GetLatestAsync(elsewhere);
        Assert.Equal(start + (PushesPerVehicle - 1) * 100 + 5, latest?.Timestamp.ToUnixTimeSeconds());
        await app.DeleteVehicleAsync(elsewhere);
        Assert.All(await tables[1].QueryAsync<TableEntity>(e => e.PartitionKey == elsewhere).ToListAsync(), row => Assert.Equal(TelemetryRows.LatestRowKey, row.RowKey));
    }

    /// <summary>The vehicle's telemetry rows in <paramref name="table"/>, leaving out what is derived from them (its trips).</summary>
    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string vehicleId) =>
        [.. (await table.QueryAsync<TableEntity>(e => e.PartitionKey == vehicleId).ToListAsync()).Where(TableRows.IsTelemetry)];
}
