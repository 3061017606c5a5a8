using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Journeys;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvMonitor.IntegrationTests.Journeys;

/// <summary>
/// One instance's queue trigger runs a batch of messages at once (16 by default), and a busy app's
/// pushes of one vehicle land in the same batch: each message whose snapshots are stored must be
/// derived on its first delivery, however many others of its vehicle are derived at the same time,
/// or the queue retries it into the poison queue.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JourneyContentionTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Gap = JourneyOptions.DefaultGap;

    [Fact]
    public async Task ManyMessagesOfOneVehicleDerivedAtOnceAllSucceedFirstTimeAndGiveTheInOrderTrip()
    {
        var storage = await azurite.CreateStorageAsync();
        await new TableVehicleStore(storage).AddAsync(new Vehicle("busy", "u1", "energica", "energica-ss9", "busy", "0"));
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 86_400;
        var drive = Enumerable.Range(0, 1_200).Select(i => Snapshot(start + i, speed: 30 + i % 50)).ToList();
        var received = DateTimeOffset.UtcNow;
        // Pushes of four snapshots, mostly in order as a live app sends them, every fifth one late by a few pushes,
        // and the same pushes delivered again: live appends and recomputations of a long trip mixed.
        var messages = drive.Chunk(4).Select((c, i) => (Order: i % 5 == 0 ? i + 7.5 : i, Message: Message(received.AddSeconds(i), c))).ToList();
        messages.AddRange(messages.Where((_, i) => i % 9 == 0).Select(m => (m.Order + 3.25, m.Message)).ToList());
        var queue = new System.Collections.Concurrent.ConcurrentQueue<TelemetryMessage>(messages.OrderBy(m => m.Order).Select(m => m.Message));

        var normalizer = new TelemetryNormalizer(new TelemetryTable(storage, new TableVehicleStore(storage), new JourneyOptions { Gap = Gap }),
            TimeProvider.System, TestMetrics.New(), NullLogger<TelemetryNormalizer>.Instance);
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (queue.TryDequeue(out var message))
            {
                try
                {
                    foreach (var payload in TelemetryMessages.Pack(message, message.Snapshots))
                        await normalizer.ProcessAsync(payload.ToMemory());
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
        }));

        Assert.Empty(failures.Select(e => e.Message));
        var journeys = new JourneyStore(storage);
        var trips = await journeys.ReadRunsAsync("busy", JourneyRows.TripPrefix, 0, long.MaxValue / 2, int.MaxValue);
        var expected = JourneySegmenter.Runs(drive.Select(JourneyPoint.From).OfType<JourneyPoint>(), Gap);
        Assert.Equal(expected.Select(JourneyRows.Serialize), trips.Select(r => JourneyRows.Serialize(r.Summary)));
        Assert.Equal(1_200, trips.Single().Summary.Count);
    }

    private static Snapshot Snapshot(long time, int speed)
    {
        var snapshot = new Snapshot { Timestamp = time };
        snapshot.General["state"] = 1;
        snapshot.General["speed"] = speed;
        snapshot.General["odometer"] = 12_000 + time % 100_000 / 100;
        return snapshot;
    }

    private static TelemetryMessage Message(DateTimeOffset receivedAt, IEnumerable<Snapshot> snapshots) => new()
    {
        PushId = Guid.NewGuid().ToString("N"),
        VehicleId = "busy",
        ReceivedAt = receivedAt,
        Snapshots = [.. snapshots],
    };
}
