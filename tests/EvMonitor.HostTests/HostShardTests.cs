using System.Text.Json.Nodes;
using EvMonitor.HostTests.Support;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;

namespace EvMonitor.HostTests;

/// <summary>
/// Two telemetry queue shards under the real host: it resolves <c>%EvMonitor:TelemetryQueue%-1</c> to
/// the second shard's queue, runs the shard functions the settings leave enabled and not the ones
/// <c>AzureWebJobs.&lt;name&gt;.Disabled</c> turns off, and what is pushed to either queue is stored.
/// </summary>
public sealed class HostShardTests(TwoShardsHostFixture host) : IClassFixture<TwoShardsHostFixture>
{
    [HostFact]
    public async Task TheHostRunsTheFunctionsOfTheConfiguredShardsAndNoOthers()
    {
        for (var shard = 0; shard < TelemetryShards.MaxCount; shard++)
        {
            var name = Functions.Functions.NormalizeTelemetryFunction.FunctionName(shard);
            var function = JsonNode.Parse(await host.Admin.GetStringAsync($"admin/functions/{name}"))!;
            Assert.Equal(shard >= TwoShardsHostFixture.Shards, (bool)function["isDisabled"]!);
        }
    }

    [HostFact]
    public async Task PushesOfVehiclesOnBothShardsAreStoredExactlyAsAcknowledged()
    {
        var (email, password, _) = await host.Client.RegisterAsync();
        var app = host.Client.ClientFor(email, password);
        var vehicleIds = new List<string>();
        for (var i = 0; i < 8; i++)
            vehicleIds.Add((await app.AddVehicleAsync("energica", "energica-ss9", $"Vehicle {i}")).Id);
        var shards = host.Storage.Names.Shards;
        Assert.Equal([0, 1], vehicleIds.Select(shards.ShardOf).Distinct().Order());
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;

        foreach (var vehicleId in vehicleIds)
            Assert.Equal(2, await app.PushAsync(vehicleId, SeedExample.Snapshots(t), SeedExample.UserAgent));

        await ApiCalls.EventuallyAsync(async () =>
        {
            foreach (var vehicleId in vehicleIds)
            {
                if ((await TableRows.TelemetryOfAsync(host.Storage, vehicleId)).Count < SeedExample.RowCount)
                    return false;
            }
            return true;
        });
        foreach (var vehicleId in vehicleIds)
            Assert.Equal(SeedExample.RowCount, (await TableRows.TelemetryOfAsync(host.Storage, vehicleId)).Count);
        foreach (var shard in shards.All)
            Assert.Equal(0, (await host.Storage.TelemetryPoisonQueueOf(shard).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
