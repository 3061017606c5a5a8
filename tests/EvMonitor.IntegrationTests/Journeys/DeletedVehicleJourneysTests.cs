using EvMonitor.Core.Tests.Support;
using Azure.Data.Tables;
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
        var journeys = new JourneyTable(storage, JourneyOptions.Default);
        var normalizer = new TelemetryNormalizer(new TelemetryTable(storage, vehicles), journeys, TestHealth.Recorder(storage), TimeProvider.System, TestMetrics.New(), NullLogger<TelemetryNormalizer>.Instance);
        var day = new RideGenerator(7).Day();
        TelemetryMessage Push(IEnumerable<Snapshot> snapshots) => new() { PushId = Guid.NewGuid().ToString("N"), VehicleId = "vdrive", ReceivedAt = DateTimeOffset.UtcNow, Snapshots = [.. snapshots] };

        foreach (var payload in TelemetryMessages.Pack(Push(day.Take(200)), day.Take(200).ToList()))
            await normalizer.ProcessAsync(payload.ToMemory());
        var journeysTable = storage.Table(storage.Names.Journeys);
        Assert.NotEmpty(await journeysTable.QueryAsync<TableEntity>(e => e.PartitionKey == "vdrive").ToListAsync());

        await new TelemetryHistory(storage).DeleteAllAsync("vdrive");
        await journeys.DeleteAllAsync("vdrive");
        foreach (var payload in TelemetryMessages.Pack(Push(day.Skip(200)), day.Skip(200).ToList()))
            await normalizer.ProcessAsync(payload.ToMemory());

        Assert.Empty(await journeysTable.QueryAsync<TableEntity>(e => e.PartitionKey == "vdrive").ToListAsync());
    }
}
