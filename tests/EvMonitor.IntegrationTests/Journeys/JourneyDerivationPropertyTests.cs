using EvMonitor.Core.Tests.Support;
using System.Text.Json;
using EvMonitor.Domain;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Journeys;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvMonitor.IntegrationTests.Journeys;

/// <summary>
/// Trips and sessions must not depend on how snapshots arrive: a generated day is delivered shuffled,
/// split over random pushes, with repeated deliveries, re-pushes and pushes an app later corrected,
/// by concurrent workers, and the derived rows must equal those of sending it once in order. Both
/// must also equal the definitions applied to the final snapshots in memory, and the generator's own
/// count of trips and sessions.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JourneyDerivationPropertyTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Gap = JourneyOptions.DefaultGap;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AnyDeliveryOfADayGivesTheTripsAndSessionsOfSendingItOnceInOrder(int seed)
    {
        var storage = await azurite.CreateStorageAsync();
        var generator = new RideGenerator(seed);
        var day = generator.Day();
        var random = new Random(seed);

        await AddVehicleAsync(storage, "inorder");
        await AddVehicleAsync(storage, "shuffled");
        var received = DateTimeOffset.UtcNow;
        var inOrder = day.Chunk(50).Select((chunk, i) => Message("inorder", received.AddSeconds(i), chunk)).ToList();
        await DeliverAsync(storage, inOrder, workers: 1);

        await DeliverAsync(storage, Shuffled(generator, day, random, received), workers: 3);

        var expected = JourneySegmenter.Runs(day.Select(JourneyPoint.From).OfType<JourneyPoint>(), Gap);
        var ordered = await StoredRunsAsync(storage, "inorder");
        var shuffled = await StoredRunsAsync(storage, "shuffled");
        Assert.Equal(generator.Trips, expected.Count(r => r.Kind == JourneyKind.Trip));
        Assert.Equal(generator.AcCharges, expected.Count(r => r.Kind == JourneyKind.ChargeAc));
        Assert.Equal(generator.DcCharges, expected.Count(r => r.Kind == JourneyKind.ChargeDc));
        Assert.Equal(expected.Select(JourneyRows.Serialize), ordered);
        Assert.Equal(ordered, shuffled);
    }

    /// <summary>
    /// The day's snapshots shuffled into pushes of 1 to 40, some delivered twice, some pushed again
    /// later, some first sent wrong (another state and speed) in a push received before the right
    /// one; the snapshots that join or split trips come last.
    /// </summary>
    private static List<TelemetryMessage> Shuffled(RideGenerator generator, List<Snapshot> day, Random random, DateTimeOffset received)
    {
        var late = generator.Joining.Concat(generator.Splitting).ToHashSet();
        var early = day.Where(s => !late.Contains(s.Timestamp)).OrderBy(_ => random.Next()).ToList();
        var messages = new List<TelemetryMessage>();
        for (var i = 0; i < early.Count;)
        {
            var size = Math.Min(early.Count - i, random.Next(1, 41));
            messages.Add(Message("shuffled", received.AddSeconds(messages.Count), early.GetRange(i, size)));
            i += size;
        }
        // Wrong first versions, received before every right one, so they lose whenever they are processed.
        var wrong = day.OrderBy(_ => random.Next()).Take(day.Count / 10)
            .Select(s => Copy(s, state: s.General["state"] == 1 ? 0 : 1, speed: (int)(s.General["speed"] ?? 0) + 37)).ToList();
        messages.AddRange(wrong.Chunk(7).Select((c, i) => Message("shuffled", received.AddDays(-1).AddSeconds(i), c)));
        // The same push delivered twice, and the same snapshots pushed again later.
        messages.AddRange(messages.OrderBy(_ => random.Next()).Take(messages.Count / 5).ToList());
        messages.AddRange(day.OrderBy(_ => random.Next()).Take(day.Count / 8).Chunk(9)
            .Select((c, i) => Message("shuffled", received.AddDays(1).AddSeconds(i), c)));
        messages = [.. messages.OrderBy(_ => random.Next())];
        var lateMessages = day.Where(s => late.Contains(s.Timestamp)).Chunk(5)
            .Select((c, i) => Message("shuffled", received.AddHours(1).AddSeconds(i), c));
        return [.. messages, .. lateMessages];
    }

    /// <summary>
    /// Each worker has its own normalizer, as separate instances would; a message whose processing
    /// fails is delivered again, as the queue does.
    /// </summary>
    private static async Task DeliverAsync(StorageClients storage, List<TelemetryMessage> messages, int workers)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<TelemetryMessage>(messages);
        var vehicles = new TableVehicleStore(storage);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            var normalizer = new TelemetryNormalizer(new TelemetryTable(storage, vehicles, new JourneyOptions { Gap = Gap }), TimeProvider.System, TestMetrics.New(), NullLogger<TelemetryNormalizer>.Instance);
            while (queue.TryDequeue(out var message))
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        foreach (var payload in TelemetryMessages.Pack(message, message.Snapshots))
                            await normalizer.ProcessAsync(payload.ToMemory());
                        break;
                    }
                    catch (Azure.RequestFailedException) when (attempt < 5)
                    {
                    }
                }
            }
        }));
    }

    private static async Task<List<string>> StoredRunsAsync(StorageClients storage, string vehicleId)
    {
        var journeys = new JourneyStore(storage);
        var trips = await journeys.ReadRunsAsync(vehicleId, JourneyRows.TripPrefix, 0, long.MaxValue / 2, int.MaxValue);
        var charges = await journeys.ReadRunsAsync(vehicleId, JourneyRows.ChargePrefix, 0, long.MaxValue / 2, int.MaxValue);
        return [.. trips.Concat(charges).Select(r => r.Summary).OrderBy(r => r.Start).Select(JourneyRows.Serialize)];
    }

    private static Task AddVehicleAsync(StorageClients storage, string vehicleId) =>
        new TableVehicleStore(storage).AddAsync(new Vehicle(vehicleId, "u1", "energica", "energica-ss9", vehicleId, "0"));

    private static TelemetryMessage Message(string vehicleId, DateTimeOffset receivedAt, IEnumerable<Snapshot> snapshots) => new()
    {
        PushId = Guid.NewGuid().ToString("N"),
        VehicleId = vehicleId,
        ReceivedAt = receivedAt,
        Snapshots = [.. snapshots],
    };

    private static Snapshot Copy(Snapshot s, int state, int speed)
    {
        var copy = JsonSerializer.Deserialize(JsonSerializer.Serialize(s, TelemetryJsonContext.Default.Snapshot), TelemetryJsonContext.Default.Snapshot)!;
        copy.General["state"] = state;
        copy.General["speed"] = speed;
        return copy;
    }
}
