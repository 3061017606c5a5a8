using Azure.Data.Tables;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Journeys;
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
        var normalizer = Normalizer(storage);

        // As the queue trigger does with a batch: every part at once, racing for the same partition.
        await AssertAllPartsStoredAsync(storage, "vconcurrent", _ => normalizer);
    }

    [Fact]
    public async Task PartsSharedOutBetweenTwoWorkersAllSucceedAndTheLatestPointerIsTheNewest()
    {
        var storage = await azurite.CreateStorageAsync();
        TelemetryNormalizer[] workers = [Normalizer(storage), Normalizer(storage)];

        // As two instances would: each remembers the vehicle's latest row, and the other keeps changing it.
        await AssertAllPartsStoredAsync(storage, "vtwoworkers", part => workers[part % 2]);
    }

    private static TelemetryNormalizer Normalizer(StorageClients storage) =>
        new(new TelemetryTable(storage, new TableVehicleStore(storage), JourneyOptions.Default), TimeProvider.System, TestMetrics.New(), NullLogger<TelemetryNormalizer>.Instance);

    private static async Task AssertAllPartsStoredAsync(StorageClients storage, string vehicleId, Func<int, TelemetryNormalizer> normalizerFor)
    {
        await new TableVehicleStore(storage).AddAsync(new Vehicle(vehicleId, "u1", "energica", "energica-ss9", "Fast", "0"));
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 10_000;
        var header = new TelemetryMessage { PushId = "p1", VehicleId = vehicleId, ReceivedAt = DateTimeOffset.UtcNow };
        var snapshots = Enumerable.Range(0, 1000).Select(i => new Snapshot
        {
            Timestamp = start + i,
            General = { ["speed"] = i % 200 },
            Motors = [new Component(TelemetryGroup.Motor, 0) { ["rpm"] = 4000 + i }, new Component(TelemetryGroup.Motor, 1) { ["rpm"] = 4100 + i }],
            Batteries = [new Component(TelemetryGroup.Battery, 0) { ["soc"] = i % 101 }]}).ToList();
        var parts = TelemetryMessages.Pack(header, snapshots);
        Assert.True(parts.Count > 1);

        var written = await Task.WhenAll(parts.Select((p, i) => normalizerFor(i).ProcessAsync(p.ToMemory())));

        Assert.Equal(1000, written.Sum());
        var table = storage.Table(storage.Names.Telemetry);
        var latest = await table.GetEntityAsync<TableEntity>(vehicleId, TelemetryRows.LatestRowKey);
        Assert.Equal(start + 999, latest.Value.GetInt64("UnixTime"));
        var snapshotRows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == vehicleId && e.RowKey.CompareTo("a") < 0, select: ["RowKey", "Kind"]).ToListAsync();
        Assert.Equal(1000, snapshotRows.Count(r => r.GetString("Kind") == TelemetryRows.KindSnapshot));
        Assert.Equal(3000, snapshotRows.Count(r => r.GetString("Kind") != TelemetryRows.KindSnapshot));
    }
}
