using EvMonitor.Core.Tests.Support;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using EvMonitor.Domain;
using EvMonitor.Journeys;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// What storing a message reads from the telemetry table, counted in the SDK's pipeline against
/// Azurite: only the rows of the message's own snapshots, however far apart they lie.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class NormalizerReadsTests(AzuriteFixture azurite)
{
    private const string VehicleId = "v1";
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600;
    private static readonly long Year2000 = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    [Fact]
    public async Task ARepeatedMessageSpanningYearsReadsOnlyTheRowsOfItsOwnTwoSnapshots()
    {
        var (normalizer, counter, storage) = await NormalizerAsync();
        // A long history between the two: 400 snapshots of 3 rows each.
        await ProcessAsync(normalizer, DateTimeOffset.UtcNow, [.. Enumerable.Range(0, 400).Select(i => Reading(Now - 400 + i))]);
        List<Snapshot> spread = [Reading(Year2000), Reading(Now)];
        await ProcessAsync(normalizer, DateTimeOffset.UtcNow, spread);
        Assert.Equal(402 * 3 + 1, (await TableRows.TelemetryOfAsync(storage, VehicleId)).Count);
        counter.Reset();

        // Received later: every snapshot already has rows, so they are read and replaced.
        var written = await ProcessAsync(normalizer, DateTimeOffset.UtcNow.AddSeconds(1), spread);

        Assert.Equal(2, written);
        Assert.Equal(2 * 3, counter.Rows);
        Assert.Equal(1, counter.Requests);
    }

    [Fact]
    public async Task ScatteredSnapshotsReadTheirOwnRowsInQueriesOfSevenRanges()
    {
        var (normalizer, counter, _) = await NormalizerAsync();
        await ProcessAsync(normalizer, DateTimeOffset.UtcNow, [.. Enumerable.Range(0, 201).Select(i => Reading(Now - 200 + i))]);
        // 20 snapshots 10 s apart among 201 stored ones, the last followed by 10 of consecutive seconds: 20 ranges.
        List<Snapshot> scattered = [.. Enumerable.Range(0, 20).Select(i => Reading(Now - 200 + 10 * i)), .. Enumerable.Range(0, 10).Select(i => Reading(Now - 9 + i))];
        counter.Reset();

        var written = await ProcessAsync(normalizer, DateTimeOffset.UtcNow.AddSeconds(1), scattered);

        Assert.Equal(30, written);
        Assert.Equal(30 * 3, counter.Rows);
        Assert.Equal(3, counter.Requests); // 7 ranges to a query
    }

    [Fact]
    public async Task ANewMessageReadsNothing()
    {
        var (normalizer, counter, _) = await NormalizerAsync();
        await ProcessAsync(normalizer, DateTimeOffset.UtcNow, [Reading(Now - 100)]);
        counter.Reset();

        await ProcessAsync(normalizer, DateTimeOffset.UtcNow, [Reading(Year2000), Reading(Now)]);

        Assert.Equal(0, counter.Requests);
    }

    [Fact]
    public async Task ALiveDrivesNextMessageIsStoredWithItsTripInOneEntityGroupTransaction()
    {
        var log = new RequestLog();
        var (normalizer, _, storage) = await NormalizerAsync(log);
        List<Snapshot> Driving(long from) => [.. Enumerable.Range(0, 10).Select(i => Reading(from + i, state: 1))];
        await ProcessAsync(normalizer, DateTimeOffset.UtcNow, Driving(Now - 100));
        log.Clear();

        var written = await ProcessAsync(normalizer, DateTimeOffset.UtcNow, Driving(Now - 90));

        Assert.Equal(10, written);
        // The Table service's batch endpoint ("Performing entity group transactions", Azure Storage REST reference).
        Assert.Equal(["POST $batch"], log.Requests);
        var trip = Assert.Single(await new JourneyStore(storage).ReadRunsAsync(VehicleId, JourneyRows.TripPrefix, 0, long.MaxValue / 2, 10));
        Assert.Equal((Now - 100, Now - 81, 20), (trip.Summary.Start, trip.Summary.End, trip.Summary.Count));
    }

    private async Task<(TelemetryNormalizer, RowsReadCounter, StorageClients)> NormalizerAsync(RequestLog? log = null)
    {
        var configuration = azurite.Configuration(AzuriteFixture.NewPrefix());
        var names = new StorageNames(configuration["EvMonitor:StoragePrefix"]!);
        var counter = new RowsReadCounter(names.Telemetry);
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        if (log is not null)
            options.AddPolicy(log, HttpPipelinePosition.PerCall);
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString, names, options);
        await storage.EnsureCreatedAsync();
        var vehicles = new TableVehicleStore(storage);
        await vehicles.AddAsync(new Vehicle(VehicleId, "u1", "energica", "energica-ss9", "The Rocket", "0"));
        return (new TelemetryNormalizer(new TelemetryTable(storage, vehicles, JourneyOptions.Default), TimeProvider.System, TestMetrics.New(), NullLogger<TelemetryNormalizer>.Instance), counter, storage);
    }

    private static async Task<int> ProcessAsync(TelemetryNormalizer normalizer, DateTimeOffset receivedAt, List<Snapshot> snapshots)
    {
        var header = new TelemetryMessage { PushId = Guid.NewGuid().ToString("N"), VehicleId = VehicleId, UserAgent = "My cool app", ReceivedAt = receivedAt };
        var written = 0;
        foreach (var message in TelemetryMessages.Pack(header, snapshots))
            written += await normalizer.ProcessAsync(message.ToMemory());
        return written;
    }

    /// <summary>A snapshot of three rows: its own, one motor, one battery.</summary>
    private static Snapshot Reading(long t, int? state = null)
    {
        var snapshot = new Snapshot
        {
            Timestamp = t,
            Motors = [new Component(TelemetryGroup.Motor, 0) { ["rpm"] = 4800 }],
            Batteries = [new Component(TelemetryGroup.Battery, 0) { ["soc"] = 80 }],
        };
        snapshot.General["speed"] = 80;
        snapshot.General["state"] = state;
        return snapshot;
    }
}
