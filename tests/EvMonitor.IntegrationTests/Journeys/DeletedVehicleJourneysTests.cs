using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Journeys;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvMonitor.IntegrationTests.Journeys;

/// <summary>A deleted vehicle keeps no trips or sessions, not even from pushes still queued at the delete.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeletedVehicleJourneysTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DeletingAVehicleLeavesNoDerivedRowsEvenWhenAQueuedPushIsProcessedAfterwards()
    {
        var storage = await azurite.CreateStorageAsync();
        var vehicles = new TableVehicleStore(storage);
        await vehicles.AddAsync(new Vehicle("vdrive", "u1", "energica", "energica-ss9", "Drive", "0"));
        var normalizer = new TelemetryNormalizer(new TelemetryTable(storage, vehicles, JourneyOptions.Default), TimeProvider.System, TestMetrics.New(), NullLogger<TelemetryNormalizer>.Instance);
        var day = new RideGenerator(7).Day();
        TelemetryMessage Push(IEnumerable<Snapshot> snapshots) => new() { PushId = Guid.NewGuid().ToString("N"), VehicleId = "vdrive", ReceivedAt = DateTimeOffset.UtcNow, Snapshots = [.. snapshots] };

        foreach (var payload in TelemetryMessages.Pack(Push(day.Take(200)), day.Take(200).ToList()))
            await normalizer.ProcessAsync(payload.ToMemory());
        Assert.NotEmpty(await new JourneyStore(storage).ReadRunsAsync("vdrive", JourneyRows.TripPrefix, 0, long.MaxValue / 2, int.MaxValue));

        await new TelemetryHistory(storage).DeleteAllAsync("vdrive");
        foreach (var payload in TelemetryMessages.Pack(Push(day.Skip(200)), day.Skip(200).ToList()))
            await normalizer.ProcessAsync(payload.ToMemory());

        // Only the deleted marker stays: no snapshot, no trip or session, no head.
        var rows = await TableRows.PartitionOfAsync(storage, "vdrive");
        var marker = Assert.Single(rows);
        Assert.Equal(TelemetryRows.LatestRowKey, marker.RowKey);
        Assert.True(marker.GetBoolean("Deleted"));
        Assert.Null(JourneyRows.HeadFrom(marker));
    }
}
