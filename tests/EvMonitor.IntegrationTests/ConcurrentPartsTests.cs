using Azure.Data.Tables;
using EvMonitor.Domain;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using EvMonitor.Telemetry;

namespace EvMonitor.IntegrationTests;

[Collection(AzuriteCollection.Name)]
public sealed class ConcurrentPartsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PartsOfOneLargePushProcessedAtOnceAllSucceedAndTheLatestPointerIsTheNewest()
    {
        var storage = await azurite.CreateStorageAsync();
        await new TableVehicleStore(storage).AddAsync(new Vehicle("vconcurrent", "u1", "energica", "energica-ss9", "Fast", "0"));
        var normalizer = new TelemetryNormalizer(new TelemetryTable(storage, new TableVehicleStore(storage)), NullLogger<TelemetryNormalizer>.Instance);
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 10_000;
        var header = new TelemetryMessage { PushId = "p1", VehicleId = "vconcurrent", ReceivedAt = DateTimeOffset.UtcNow };
        var snapshots = Enumerable.Range(0, 1000).Select(i => new Snapshot
        {
            Timestamp = start + i,
            Speed = i % 200,
            Motors = [new Motor { Index = 0, Rpm = 4000 + i }, new Motor { Index = 1, Rpm = 4100 + i }],
            Batteries = [new Battery { Index = 0, Soc = i % 101 }],
        }).ToList();
        var parts = TelemetryMessages.Pack(header, snapshots);
        Assert.True(parts.Count > 1);

        // As the queue trigger does with a batch: every part at once, racing for the same partition.
        var written = await Task.WhenAll(parts.Select(p => normalizer.ProcessAsync(p.ToMemory())));

        Assert.Equal(1000, written.Sum());
        var table = storage.Table(storage.Names.Telemetry);
        var latest = await table.GetEntityAsync<TableEntity>("vconcurrent", TelemetryRows.LatestRowKey);
        Assert.Equal(start + 999, latest.Value.GetInt64("UnixTime"));
        var snapshotRows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == "vconcurrent" && e.RowKey.CompareTo("a") < 0, select: ["RowKey", "Kind"]).ToListAsync();
        Assert.Equal(1000, snapshotRows.Count(r => r.GetString("Kind") == TelemetryRows.KindSnapshot));
        Assert.Equal(3000, snapshotRows.Count(r => r.GetString("Kind") != TelemetryRows.KindSnapshot));
    }
}
