using System.Net;
using Azure.Data.Tables;
using EvMonitor.Accounts;
using EvMonitor.Functions.Functions;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// Four telemetry queues: every vehicle's pushes go to the queue of its shard, the shard functions
/// the settings enable normalize each queue, and what is stored is exactly what was acknowledged.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ShardedQueueTests(AzuriteFixture azurite)
{
    private const int Shards = 4;
    private const int Vehicles = 24;
    private const int PushesPerVehicle = 3;

    [Fact]
    public async Task ManyVehiclesOverFourQueuesUseEveryShardAndStoreExactlyWhatWasAcknowledged()
    {
        await using var service = await RunningService.StartAsync(azurite,
            NormalizeTelemetryFunction.ShardSettings(Shards, azurite.ConnectionString).ToDictionary(kv => kv.Key, kv => kv.Value!),
            configure: RecordingTelemetryQueue.Install);
        var names = service.Storage.Names;
        Assert.Equal(Shards, names.Shards.Count);
        // One owner with many vehicles: one login, as the login throttle would slow many.
        var owner = await service.CreateAccountAsync();
        var vehicleIds = new List<string> { owner.VehicleId };
        var accounts = service.Services.GetRequiredService<AccountService>();
        // Ids are random: add vehicles until every shard has two, so that every queue is written to
        // whatever ids came (24 ids leave a shard empty about once in 250 runs).
        while (vehicleIds.Count < Vehicles || Enumerable.Range(0, Shards).Any(shard => vehicleIds.Count(id => names.Shards.ShardOf(id) == shard) < 2))
        {
            Assert.True(vehicleIds.Count < 10 * Vehicles, "The vehicle ids do not spread over the shards.");
            vehicleIds.Add((await accounts.AddVehicleAsync(owner.UserId, "energica", "energica-ss9", $"Vehicle {vehicleIds.Count}", "0")).Vehicle!.Id);
        }
        var app = service.Client.ClientFor(owner);
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600;

        var accepted = await Task.WhenAll(vehicleIds.Select(async vehicleId =>
        {
            var count = 0;
            for (var push = 0; push < PushesPerVehicle; push++)
            {
                count += await app.PushAsync(vehicleId, SeedExample.Snapshots(start + push * 100), SeedExample.UserAgent);
            }
            return (VehicleId: vehicleId, Accepted: count);
        }));

        // Every shard's queue was written to, each vehicle's pushes to the queue of its own shard.
        var sent = RecordingTelemetryQueue.Of(service);
        Assert.Equal(Enumerable.Range(0, Shards), sent.Shards.Distinct().Order());
        Assert.Equal(vehicleIds.Count * PushesPerVehicle, sent.Shards.Count);
        foreach (var shard in Enumerable.Range(0, Shards))
        {
            var expected = vehicleIds.Count(id => names.Shards.ShardOf(id) == shard) * PushesPerVehicle;
            Assert.Equal(expected, sent.Shards.Count(s => s == shard));
        }

        // Stored = acknowledged: each snapshot once, with its motor and battery rows and one latest row per vehicle.
        var rowsPerVehicle = PushesPerVehicle * (SeedExample.RowCount - 1) + 1;
        var stored = new Dictionary<string, List<TableEntity>>();
        await ApiCalls.EventuallyAsync(async () =>
        {
            foreach (var (vehicleId, _) in accepted)
                stored[vehicleId] = await service.TelemetryRowsAsync(vehicleId);
            return stored.Values.All(rows => rows.Count >= rowsPerVehicle);
        }, TimeSpan.FromSeconds(60));
        foreach (var (vehicleId, count) in accepted)
        {
            Assert.Equal(rowsPerVehicle, stored[vehicleId].Count);
            Assert.Equal(count, stored[vehicleId].Count(r => r.GetString("Kind") == TelemetryRows.KindSnapshot));
        }

        // Every queue drained by its own function, nothing poisoned.
        foreach (var shard in Enumerable.Range(0, Shards))
        {
            Assert.Equal(0, (await service.Storage.TelemetryQueueOf(shard).GetPropertiesAsync()).Value.ApproximateMessagesCount);
            Assert.Equal(0, (await service.Storage.TelemetryPoisonQueueOf(shard).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        }
    }

    [Fact]
    public async Task TheHealthEndpointSumsTheDepthOfEveryShardsQueues()
    {
        // No normalizer runs: what is pushed stays queued where the push put it.
        var settings = NormalizeTelemetryFunction.ShardSettings(Shards, azurite.ConnectionString).ToDictionary(kv => kv.Key, kv => kv.Value!);
        settings["AzureWebJobs.normalize_telemetry.Disabled"] = "true";
        foreach (var shard in Enumerable.Range(1, Shards - 1))
            settings[$"AzureWebJobs.{NormalizeTelemetryFunction.FunctionName(shard)}.Disabled"] = "true";
        await using var service = await RunningService.StartAsync(azurite, settings);
        foreach (var shard in Enumerable.Range(0, Shards))
        {
            await service.Storage.TelemetryQueueOf(shard).SendMessageAsync("waiting");
            for (var i = 0; i <= shard; i++)
                await service.Storage.TelemetryPoisonQueueOf(shard).SendMessageAsync("failed");
        }

        var health = await service.Client.GetAsync("health");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await health.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(Shards, (long)body["telemetry_queue_depth"]!);
        Assert.Equal(1 + 2 + 3 + 4, (long)body["poison_queue_depth"]!);
    }
}
