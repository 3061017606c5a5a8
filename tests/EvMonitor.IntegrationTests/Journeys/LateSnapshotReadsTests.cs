using EvMonitor.Core.Tests.Support;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using EvMonitor.Domain;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Journeys;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace EvMonitor.IntegrationTests.Journeys;

/// <summary>
/// A client can push one late snapshot into the middle of a long stored trip again and again: what
/// that costs, counted in the SDK's pipeline against Azurite, must not grow with the trip. It reads
/// the stored snapshots of the late one's minute and a few derived rows, and the trip ends as if all
/// its snapshots had been sent once in order.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LateSnapshotReadsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string VehicleId = "v1";

    [Fact]
    public async Task ALateSnapshotInTheMiddleOfATripOf2400ReadsWhatItReadsInOneOf600AndGivesTheInOrderTrip()
    {
        var shorter = await LateSnapshotAsync(600);
        var longer = await LateSnapshotAsync(2_400);

        output.WriteLine($"600 snapshots: {shorter.Rows} rows in {shorter.Requests} requests; 2,400: {longer.Rows} rows in {longer.Requests} requests");
        Assert.Equal(shorter, longer);
        // A minute's snapshots of two rows each, and a few derived rows.
        Assert.InRange(shorter.Rows, 1, 60 * 2 + 5);
    }

    /// <summary>
    /// Stores a trip of <paramref name="length"/> snapshots a second apart (one battery each) in
    /// pushes of 50, as a live app sends them, leaving out the middle one; then pushes that one.
    /// The trip lies in one aligned hour.
    /// </summary>
    private async Task<(int Rows, int Requests)> LateSnapshotAsync(int length)
    {
        var (normalizer, counter, storage) = await NormalizerAsync();
        var start = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 86_400) / 3_600 * 3_600 + 60;
        var trip = Enumerable.Range(0, length + 1).Select(i => Driving(start + i)).ToList();
        var late = trip[length / 2];
        foreach (var push in trip.Where(s => s != late).Chunk(50))
            await ProcessAsync(normalizer, push);
        counter.Reset();

        await ProcessAsync(normalizer, [late]);

        var stored = await new JourneyStore(storage).ReadRunsAsync(VehicleId, JourneyRows.TripPrefix, 0, long.MaxValue / 2, int.MaxValue);
        var expected = JourneySegmenter.Runs(trip.Select(JourneyPoint.From).OfType<JourneyPoint>(), JourneyOptions.DefaultGap);
        Assert.Equal(expected.Select(JourneyRows.Serialize), stored.Select(r => JourneyRows.Serialize(r.Summary)));
        Assert.Equal(length + 1, stored.Single().Summary.Count);
        return (counter.Rows, counter.Requests);
    }

    private async Task<(TelemetryNormalizer, RowsReadCounter, StorageClients)> NormalizerAsync()
    {
        var configuration = azurite.Configuration(AzuriteFixture.NewPrefix());
        var names = new StorageNames(configuration["EvMonitor:StoragePrefix"]!);
        var counter = new RowsReadCounter(names.Telemetry);
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString, names, options);
        await storage.EnsureCreatedAsync();
        var vehicles = new TableVehicleStore(storage);
        await vehicles.AddAsync(new Vehicle(VehicleId, "u1", "energica", "energica-ss9", "The Rocket", "0"));
        var normalizer = new TelemetryNormalizer(new TelemetryTable(storage, vehicles, JourneyOptions.Default), TimeProvider.System, TestMetrics.New(), NullLogger<TelemetryNormalizer>.Instance);
        return (normalizer, counter, storage);
    }

    private static async Task ProcessAsync(TelemetryNormalizer normalizer, Snapshot[] snapshots)
    {
        var header = new TelemetryMessage { PushId = Guid.NewGuid().ToString("N"), VehicleId = VehicleId, ReceivedAt = DateTimeOffset.UtcNow };
        foreach (var message in TelemetryMessages.Pack(header, snapshots))
            await normalizer.ProcessAsync(message.ToMemory());
    }

    private static Snapshot Driving(long t)
    {
        var snapshot = new Snapshot { Timestamp = t, Batteries = [new Component(TelemetryGroup.Battery, 0) { ["soc"] = 80 - (int)(t % 1_000) / 50 }] };
        snapshot.General["state"] = 1;
        snapshot.General["speed"] = 40 + t % 30;
        snapshot.General["odometer"] = 12_000 + t % 10_000 / 10;
        return snapshot;
    }
}
