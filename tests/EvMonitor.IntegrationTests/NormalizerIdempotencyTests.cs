using EvMonitor.Journeys;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvMonitor.IntegrationTests;

/// <summary>The queue delivers at least once and in no particular order; the rows must not depend on either.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class NormalizerIdempotencyTests(AzuriteFixture azurite)
{
    private static readonly long T = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600;
    private static readonly DateTimeOffset Received = DateTimeOffset.UtcNow;

    [Fact]
    public async Task TheSameMessageProcessedTwiceLeavesTheSameRows()
    {
        var (storage, normalizer) = await NormalizerForAsync("v1");
        var payload = TelemetryMessages.Pack(Message("v1", Received),
        [
            Reading(T, speed: 87, motors: 2, batteries: 1),
            Reading(T + 5, speed: 90, motors: 2, batteries: 1),
            Reading(T + 10, speed: 93, motors: 1, batteries: 0),
        ]).Single().ToMemory();

        await normalizer.ProcessAsync(payload);
        var once = await TableRows.PartitionOfAsync(storage, "v1");
        await normalizer.ProcessAsync(payload);
        var twice = await TableRows.PartitionOfAsync(storage, "v1");

        // 3 snapshots, 5 motors, 2 batteries, the latest row, the trip they make and a row per UTC hour they lie in.
        var hours = new[] { T, T + 10 }.Select(t => t / 3600).Distinct().Count();
        Assert.Equal(3 + 5 + 2 + 1 + 1 + hours, once.Count);
        Assert.Equal(TableRows.Describe(once), TableRows.Describe(twice));
    }

    [Fact]
    public async Task AnOlderPushProcessedAfterANewerOneDoesNotOverwriteIt()
    {
        var (storage, normalizer) = await NormalizerForAsync("v2");
        var newer = Message("v2", Received + TimeSpan.FromSeconds(1));
        var older = Message("v2", Received);

        await Process(normalizer, newer, [Reading(T + 5, speed: 90, motors: 1, batteries: 0), Reading(T + 10, speed: 91, motors: 1, batteries: 0)]);
        var afterNewer = await TableRows.TelemetryOfAsync(storage, "v2");
        var written = await Process(normalizer, older,
            [Reading(T, speed: 10, motors: 2, batteries: 1), Reading(T + 5, speed: 80, motors: 2, batteries: 1), Reading(T + 10, speed: 81, motors: 2, batteries: 1)]);
        var afterBoth = await TableRows.TelemetryOfAsync(storage, "v2");

        // Only the older push's snapshot the newer one did not have is written.
        Assert.Equal(1, written);
        var olderOnly = TelemetryRows.SnapshotKey(T);
        Assert.Equal(TableRows.Describe(afterNewer), TableRows.Describe(afterBoth.Where(r => !r.RowKey.StartsWith(olderOnly, StringComparison.Ordinal))));
        Assert.Equal(4, afterBoth.Count(r => r.RowKey.StartsWith(olderOnly, StringComparison.Ordinal)));
        Assert.Equal(T + 10, afterBoth.Single(r => r.RowKey == TelemetryRows.LatestRowKey).GetInt64("UnixTime"));
    }

    /// <summary>Fresh storage where <paramref name="vehicleId"/> exists, since the normalizer drops pushes for vehicles that do not.</summary>
    private async Task<(StorageClients, TelemetryNormalizer)> NormalizerForAsync(string vehicleId)
    {
        var storage = await azurite.CreateStorageAsync();
        var vehicles = new TableVehicleStore(storage);
        await vehicles.AddAsync(new Vehicle(vehicleId, "u1", "energica", "energica-ss9", "The Rocket", "0"));
        return (storage, new TelemetryNormalizer(new TelemetryTable(storage, vehicles, JourneyOptions.Default), TimeProvider.System, TestMetrics.New(), NullLogger<TelemetryNormalizer>.Instance));
    }

    private static Task<int> Process(TelemetryNormalizer normalizer, TelemetryMessage header, List<Snapshot> snapshots) =>
        normalizer.ProcessAsync(TelemetryMessages.Pack(header, snapshots).Single().ToMemory());

    private static TelemetryMessage Message(string vehicleId, DateTimeOffset receivedAt) => new()
    {
        PushId = Guid.NewGuid().ToString("N"),
        VehicleId = vehicleId,
        UserAgent = "My cool app",
        ReceivedAt = receivedAt,
    };

    private static Snapshot Reading(long t, int speed, int motors, int batteries) => new()
    {
        Timestamp = t,
        General = { ["speed"] = speed, ["state"] = 1 },
        Motors = motors == 0 ? null : [.. Enumerable.Range(0, motors).Select(m => new Component(TelemetryGroup.Motor, m) { ["rpm"] = 60 * speed + m, ["temp"] = 50 })],
        Batteries = batteries == 0 ? null : [.. Enumerable.Range(0, batteries).Select(b => new Component(TelemetryGroup.Battery, b) { ["soc"] = 80 - b, ["v"] = 400 })],
        Gps = new Readings(TelemetryGroup.Gps) { ["lat"] = 44.6471, ["lng"] = 10.9252, ["acc"] = 5 }};
}
