using Azure.Data.Tables;
using Azure.Storage.Queues;
using EvMonitor.HostTests.Support;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using EvMonitor.Telemetry;

namespace EvMonitor.HostTests;

/// <summary>
/// Two telemetry queues in two storage accounts (two Azurites) under the real host: shard 1's
/// function, whose trigger names the connection <c>TelemetryShard1</c>, reads its queue in the account
/// that setting names, and the app writes that shard's vehicles' telemetry to the same account. What
/// the host does with a trigger's connection is taken from it here, not assumed: it looks the name up
/// as an app setting (a connection string here; identity-based <c>&lt;name&gt;__queueServiceUri</c> in
/// Azure, which needs a token Azurite over HTTP does not take), and it indexes disabled functions too,
/// leaving out with an error one whose connection is not set.
/// </summary>
public sealed class HostAccountsTests(TwoAccountsHostFixture host) : IClassFixture<TwoAccountsHostFixture>
{
    [HostTwoAccountsFact]
    public async Task EachVehiclesTelemetryIsStoredAsAcknowledgedInTheAccountOfItsShard()
    {
        var (email, password, _) = await host.Client.RegisterAsync();
        var app = host.Client.ClientFor(email, password);
        var shards = host.Storage.Names.Shards;
        var vehicleIds = new List<string>();
        while (vehicleIds.Count < 6 || vehicleIds.Select(shards.ShardOf).Distinct().Count() < TwoAccountsHostFixture.Shards)
        {
            Assert.True(vehicleIds.Count < 40, "The vehicle ids do not spread over the shards.");
            vehicleIds.Add((await app.AddVehicleAsync("energica", "energica-ss9", $"Vehicle {vehicleIds.Count}")).Id);
        }
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        var accepted = new Dictionary<string, int>();
        foreach (var vehicleId in vehicleIds)
            accepted[vehicleId] = await app.PushAsync(vehicleId, SeedExample.Snapshots(t), SeedExample.UserAgent);

        // Each Azurite looked at with a client of its own: shard k's vehicles in account k, none in the other.
        string[] accounts = [Environment.GetEnvironmentVariable("EVMONITOR_TEST_STORAGE")!, SecondStorage.ConnectionString];
        var tables = accounts.Select(a => new TableServiceClient(a).GetTableClient(host.Storage.Names.Telemetry)).ToArray();
        await ApiCalls.EventuallyAsync(async () =>
        {
            foreach (var vehicleId in vehicleIds)
            {
                if ((await RowsAsync(tables[shards.ShardOf(vehicleId)], vehicleId)).Count < SeedExample.RowCount)
                    return false;
            }
            return true;
        });
        foreach (var vehicleId in vehicleIds)
        {
            var rows = await RowsAsync(tables[shards.ShardOf(vehicleId)], vehicleId);
            Assert.Equal(SeedExample.RowCount, rows.Count);
            Assert.Equal(accepted[vehicleId], rows.Count(r => r.GetString("Kind") == TelemetryRows.KindSnapshot));
            Assert.Empty(await tables[1 - shards.ShardOf(vehicleId)].QueryAsync<TableEntity>(e => e.PartitionKey == vehicleId).ToListAsync());
        }
        // Shard 1's queue, in the second account, drained by the host (it deletes a message once its
        // invocation has returned, just after the rows are stored); nothing poisoned in either.
        var shard1 = new QueueServiceClient(accounts[1]).GetQueueClient(host.Storage.Names.TelemetryQueueOf(1));
        await ApiCalls.EventuallyAsync(async () => (await shard1.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
        foreach (var shard in shards.All)
            Assert.Equal(0, (await new QueueServiceClient(accounts[shard]).GetQueueClient(host.Storage.Names.TelemetryPoisonQueueOf(shard)).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [HostTwoAccountsFact]
    public void TheHostLeavesOutADisabledFunctionWhoseConnectionIsNotSetWithTheMessageTheAppAndTheLocalHostUse()
    {
        Assert.Contains(StorageConnection.Missing(TwoAccountsHostFixture.UnsetConnection), host.Host.Output);
        Assert.Contains("Function 'Functions.normalize_telemetry_7' failed indexing and will be disabled.", host.Host.Output);
    }

    /// <summary>The vehicle's telemetry rows in <paramref name="table"/>, leaving out what is derived from them (its trips).</summary>
    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string vehicleId) =>
        [.. (await table.QueryAsync<TableEntity>(e => e.PartitionKey == vehicleId).ToListAsync()).Where(TableRows.IsTelemetry)];
}

/// <summary>As <see cref="HostFactAttribute"/>, and with a second Azurite as the second account.</summary>
public sealed class HostTwoAccountsFactAttribute : FactAttribute
{
    public HostTwoAccountsFactAttribute()
    {
        if ((HostFactAttribute.SkipReason ?? SecondStorage.Missing) is { } reason)
            Skip = reason;
    }
}
