using Azure.Data.Tables;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Journeys;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvMonitor.IntegrationTests;

/// <summary>Pushes accepted before a vehicle was deleted can still be on the queue: none of them may be written after the delete.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeletedVehicleTests(AzuriteFixture azurite)
{
    private static readonly long T = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600;

    [Fact]
    public async Task MessagesProcessedAfterTheDeleteWriteNothingWhetherTheWorkerRemembersTheVehicleOrNot()
    {
        var storage = await azurite.CreateStorageAsync();
        var vehicles = new TableVehicleStore(storage);
        await vehicles.AddAsync(new Vehicle("vgone", "u1", "energica", "energica-ss9", "Gone", "0"));
        var worker = Normalizer(storage, vehicles);
        Assert.Equal(2, await worker.ProcessAsync(Message("vgone", T, T + 1)));

        await new TelemetryHistory(storage).DeleteAllAsync("vgone");
        await vehicles.DeleteAsync("u1", "vgone");

        // The worker that wrote before remembers the vehicle's pointer; a new one does not.
        Assert.Equal(0, await worker.ProcessAsync(Message("vgone", T + 2, T + 3)));
        Assert.Equal(0, await Normalizer(storage, vehicles).ProcessAsync(Message("vgone", T + 4)));
        var left = Assert.Single(await Telemetry(storage, "vgone"));
        Assert.True(left.GetBoolean("Deleted"));
    }

    [Fact]
    public async Task AMessageForAVehicleThatNeverExistedWritesNothing()
    {
        var storage = await azurite.CreateStorageAsync();

        Assert.Equal(0, await Normalizer(storage, new TableVehicleStore(storage)).ProcessAsync(Message("vnever", T)));

        Assert.Empty(await Telemetry(storage, "vnever"));
    }

    [Fact]
    public async Task AMessageLargerThanOneTransactionKeepsThePointerAndAllItsRows()
    {
        var storage = await azurite.CreateStorageAsync();
        var vehicles = new TableVehicleStore(storage);
        await vehicles.AddAsync(new Vehicle("vlarge", "u1", "energica", "energica-ss9", "Large", "0"));
        var worker = Normalizer(storage, vehicles);
        // 60 snapshots of 4 rows: three transactions, each carrying the pointer on from the last one's answer.
        var times = Enumerable.Range(0, 60).Select(i => T + i).ToArray();

        Assert.Equal(60, await worker.ProcessAsync(Message("vlarge", times)));
        Assert.Equal(1, await worker.ProcessAsync(Message("vlarge", T + 60)));

        var rows = await Telemetry(storage, "vlarge");
        Assert.Equal(61 * 4 + 1, rows.Count);
        Assert.Equal(T + 60, rows.Single(r => r.RowKey == TelemetryRows.LatestRowKey).GetInt64("UnixTime"));
    }

    private static TelemetryNormalizer Normalizer(StorageClients storage, IVehicleStore vehicles) =>
        new(new TelemetryTable(storage, vehicles, JourneyOptions.Default), TimeProvider.System, TestMetrics.New(), NullLogger<TelemetryNormalizer>.Instance);

    private static async Task<List<TableEntity>> Telemetry(StorageClients storage, string vehicleId) =>
        await storage.Table(storage.Names.Telemetry).QueryAsync<TableEntity>(e => e.PartitionKey == vehicleId).ToListAsync();

    private static ReadOnlyMemory<byte> Message(string vehicleId, params long[] times)
    {
        var header = new TelemetryMessage { PushId = Guid.NewGuid().ToString("N"), VehicleId = vehicleId, ReceivedAt = DateTimeOffset.UtcNow };
        var snapshots = times.Select(t => new Snapshot
        {
            Timestamp = t,
            General = { ["speed"] = 80 },
            Motors = [new Component(TelemetryGroup.Motor, 0) { ["rpm"] = 4000 }, new Component(TelemetryGroup.Motor, 1) { ["rpm"] = 4100 }],
            Batteries = [new Component(TelemetryGroup.Battery, 0) { ["soc"] = 80 }]}).ToList();
        return TelemetryMessages.Pack(header, snapshots).Single().ToMemory();
    }
}
