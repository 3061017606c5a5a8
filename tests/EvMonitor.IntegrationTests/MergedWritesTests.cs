using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using EvMonitor.Domain;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Journeys;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.VehicleHealth;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// A busy vehicle's messages meet in one queue batch: those waiting while one of its transactions is
/// under way are written together, in as few transactions as their rows need, and each caller is
/// told what its own message wrote. Every case is compared with the same messages written one by
/// one, in the order they were started, by another instance: what is stored must not differ.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MergedWritesTests(AzuriteFixture azurite)
{
    private static readonly long Start = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 86_400) / 3600 * 3600 + 600;
    private static readonly DateTimeOffset Received = DateTimeOffset.UtcNow;

    [Fact]
    public async Task MessagesWaitingTogetherAreStoredInOneTransactionEachCallerToldItsOwnCount()
    {
        var setup = await SetUpAsync();
        // A drive, then a DC charge: 4 snapshots first, then 36 in 8 messages of 3 to 6, started in random order.
        var day = Enumerable.Range(0, 40).Select(i => Reading(Start + i, state: i < 24 ? 1 : 11, speed: i < 24 ? 30 + i : 0)).ToList();
        var first = Message("p0", Received, day[..4]);
        int[] sizes = [3, 4, 5, 6, 3, 4, 5, 6];
        var waiting = sizes.Select((size, i) => Message($"p{i + 1}", Received.AddSeconds(i + 1), day.Skip(4 + sizes[..i].Sum()).Take(size))).ToList();
        var random = new Random(7);
        var started = waiting.OrderBy(_ => random.Next()).ToList();
        Assert.NotEqual(waiting, started);

        var (writes, merged) = await WriteBehindHeldAsync(setup, first, started);
        var results = await Task.WhenAll(writes);

        // The Table service's batch endpoint ("Performing entity group transactions", Azure Storage REST reference).
        Assert.Equal(["POST $batch"], merged);
        Assert.Equal(started.Select(m => (m.Snapshots.Count, 0)), results.Select(r => (r!.Count, r.Repushed)));
        var rows = await TableRows.TelemetryOfAsync(setup.Plain, "merged");
        var pushOf = waiting.Prepend(first).SelectMany(m => m.Snapshots.Select(s => (TelemetryRows.SnapshotKey(s.Timestamp), m.PushId))).ToList();
        Assert.Equal(pushOf, rows.Where(r => r.GetString("Kind") == TelemetryRows.KindSnapshot).Select(r => (r.RowKey, r.GetString("PushId"))));
        var delivery = DeliveryFigures.From(rows.Single(r => r.RowKey == TelemetryRows.LatestRowKey));
        Assert.Equal((40, 0), delivery.Last24Hours(VehicleHealthRows.HourOf(Received.AddSeconds(8))));

        await AssertSameAsWrittenOneByOneAsync(setup, [first, .. started]);
        var expected = JourneySegmenter.Runs(day.Select(JourneyPoint.From).OfType<JourneyPoint>(), JourneyOptions.DefaultGap);
        Assert.Equal([JourneyKind.Trip, JourneyKind.ChargeDc], expected.Select(r => r.Kind));
        Assert.Equal(expected.Select(JourneyRows.Serialize), await RunsAsync(setup.Plain, "merged"));
    }

    [Fact]
    public async Task ARePushAmongWaitingMessagesIsCountedAndStoredAsWhenTheyAreWrittenOneByOne()
    {
        var setup = await SetUpAsync();
        var first = Message("p0", Received, [.. Enumerable.Range(0, 4).Select(i => Reading(Start + i, state: 1, speed: 40))]);
        // A and A2 push the same five seconds (A2 received later, so it wins); B follows them; D pushes the first message's seconds again.
        var a = Message("a", Received.AddSeconds(1), [.. Enumerable.Range(10, 5).Select(i => Reading(Start + i, state: 1, speed: 50))], "First app");
        var a2 = Message("a2", Received.AddSeconds(2), [.. Enumerable.Range(10, 5).Select(i => Reading(Start + i, state: 1, speed: 60))], "Second app");
        var b = Message("b", Received.AddSeconds(3), [.. Enumerable.Range(15, 5).Select(i => Reading(Start + i, state: 1, speed: 70))]);
        var d = Message("d", Received.AddSeconds(4), [.. Enumerable.Range(0, 4).Select(i => Reading(Start + i, state: 1, speed: 45))]);

        var results = await Task.WhenAll((await WriteBehindHeldAsync(setup, first, [a, a2, b, d])).Writes);

        // As one by one: A stores 5, A2 replaces them (5 re-pushed), B stores 5, D replaces the first message's 4.
        Assert.Equal([(5, 0), (5, 5), (5, 0), (4, 4)], results.Select(r => (r!.Count, r.Repushed)));
        var rows = await TableRows.TelemetryOfAsync(setup.Plain, "merged");
        var pushedTwice = rows.Where(r => r.GetString("Kind") == TelemetryRows.KindSnapshot && r.GetInt64("UnixTime") >= Start + 10 && r.GetInt64("UnixTime") < Start + 15).ToList();
        Assert.Equal(5, pushedTwice.Count);
        Assert.All(pushedTwice, row => Assert.Equal(("Second app", 60), (row.GetString("UserAgent"), row.GetInt32("Speed"))));
        await AssertSameAsWrittenOneByOneAsync(setup, [first, a, a2, b, d]);
    }

    [Fact]
    public async Task WaitingMessagesAreWrittenInTheOrderOfTheirSnapshotsSoNoneBecomesLateData()
    {
        var setup = await SetUpAsync();
        var (first, newest, older) = PassedOverMessages(olderCount: 3);

        var results = await Task.WhenAll((await WriteBehindHeldAsync(setup, first, [newest, .. older])).Writes);

        Assert.All(results, r => Assert.Equal(30, r!.Count));
        Assert.Equal(["older0", "older1", "older2", "newest"], PushesWritten(setup, ["p0", "newest", "older0", "older1", "older2"]));
    }

    [Fact]
    public async Task AMessagePassedOverFourRoundsForOlderSnapshotsLeadsTheNextRound()
    {
        var setup = await SetUpAsync();
        var (first, newest, older) = PassedOverMessages(olderCount: 5);

        var results = await Task.WhenAll((await WriteBehindHeldAsync(setup, first, [newest, .. older])).Writes);

        Assert.All(results, r => Assert.Equal(30, r!.Count));
        // The older snapshots after it are late data, whose trips are then recomputed in transactions of no snapshot.
        Assert.Equal(["older0", "older1", "older2", "older3", "newest", "older4"],
            PushesWritten(setup, ["p0", "newest", .. older.Select(m => m.PushId)]));
    }

    /// <summary>A first message, then one of newer snapshots waiting longest, then older ones behind it: 60 rows each, so no two fit one round.</summary>
    private static (TelemetryMessage First, TelemetryMessage Newest, List<TelemetryMessage> Older) PassedOverMessages(int olderCount)
    {
        List<Snapshot> Thirty(long from) => [.. Enumerable.Range(0, 30).Select(i => Reading(from + i, state: 1, speed: 40))];
        return (
            Message("p0", Received, [Reading(Start, state: 1, speed: 40)]),
            Message("newest", Received.AddSeconds(1), Thirty(Start + 1_000)),
            [.. Enumerable.Range(0, olderCount).Select(i => Message($"older{i}", Received.AddSeconds(2 + i), Thirty(Start + 100 + 30 * i)))]);
    }

    /// <summary>The pushes whose snapshot rows the transactions after the first carried, in the order sent: the Table service's batch body holds each entity's properties, the push id among them.</summary>
    private static List<string> PushesWritten(Setup setup, string[] pushes) =>
        [.. setup.Log.TransactionBodies.Where(body => body.Contains("\"PushId\"", StringComparison.Ordinal))
            .Select(body => pushes.Single(id => body.Contains($"\"PushId\":\"{id}\"", StringComparison.Ordinal)))];

    [Fact]
    public async Task AMessageTheTableRefusesFailsAloneAndTheMessagesMergedWithItAreStored()
    {
        var setup = await SetUpAsync();
        var first = Message("p0", Received, [Reading(Start, state: 1, speed: 40)]);
        var before = Message("before", Received.AddSeconds(1), [.. Enumerable.Range(1, 5).Select(i => Reading(Start + i, state: 1, speed: 50))]);
        // A string property holds at most 32K characters ("Understanding the Table service data model", Azure Storage REST reference).
        var refused = Message("refused", Received.AddSeconds(2), [.. Enumerable.Range(6, 5).Select(i => Reading(Start + i, state: 1, speed: 50))], new string('x', 33_000));
        var after = Message("after", Received.AddSeconds(3), [.. Enumerable.Range(11, 5).Select(i => Reading(Start + i, state: 1, speed: 50))]);

        var (writes, _) = await WriteBehindHeldAsync(setup, first, [before, refused, after]);

        Assert.Equal(5, (await writes[0])!.Count);
        var failure = await Assert.ThrowsAnyAsync<RequestFailedException>(() => writes[1]);
        Assert.Equal(400, failure.Status);
        Assert.Equal(5, (await writes[2])!.Count);
        var stored = (await TableRows.TelemetryOfAsync(setup.Plain, "merged")).Where(r => r.GetString("Kind") == TelemetryRows.KindSnapshot);
        Assert.Equal(new[] { first, before, after }.SelectMany(m => m.Snapshots).Select(s => s.Timestamp), stored.Select(r => r.GetInt64("UnixTime")!.Value));
    }

    [Fact]
    public async Task MessagesWaitingWhenTheVehicleIsDeletedAreAllDroppedAndNothingIsWritten()
    {
        var setup = await SetUpAsync();
        var first = Message("p0", Received, [Reading(Start, state: 1, speed: 40)]);
        var waiting = Enumerable.Range(1, 4).Select(i => Message($"p{i}", Received.AddSeconds(i), [Reading(Start + i, state: 1, speed: 40)])).ToList();

        var (writes, _) = await WriteBehindHeldAsync(setup, first, waiting, whileHeld: async () =>
        {
            await new TelemetryHistory(setup.Plain).DeleteAllAsync("merged");
            await new TableVehicleStore(setup.Plain).DeleteAsync("u1", "merged");
        });

        Assert.All(await Task.WhenAll(writes), Assert.Null);
        var left = Assert.Single(await TableRows.PartitionOfAsync(setup.Plain, "merged"));
        Assert.True(left.GetBoolean("Deleted"));
    }

    [Fact]
    public async Task ACallerWhoseTokenFiresStopsWaitingAndTheOthersAreStored()
    {
        var setup = await SetUpAsync();
        var first = Message("p0", Received, [Reading(Start, state: 1, speed: 40)]);
        var kept = Message("kept", Received.AddSeconds(2), [Reading(Start + 2, state: 1, speed: 40)]);
        using var cancellation = new CancellationTokenSource();

        var firstWrite = setup.Table.WriteAsync(first);
        await setup.Hold.Arrived;
        var cancelled = setup.Table.WriteAsync(Message("gone", Received.AddSeconds(1), [Reading(Start + 1, state: 1, speed: 40)]), cancellation.Token);
        var keptWrite = setup.Table.WriteAsync(kept);
        await cancellation.CancelAsync();

        // Answered while the transaction it waited behind is still held.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        setup.Hold.Release();
        Assert.Equal(1, (await firstWrite)!.Count);
        Assert.Equal(1, (await keptWrite)!.Count);
        var stored = await TableRows.TelemetryOfAsync(setup.Plain, "merged");
        Assert.Contains(stored, r => r.RowKey == TelemetryRows.SnapshotKey(Start + 2));
    }

    private sealed record Setup(StorageClients Storage, StorageClients Plain, TelemetryTable Table, RequestLog Log, HeldTransaction Hold);

    /// <summary>
    /// A vehicle, and a telemetry table whose client logs every request and transaction body and
    /// holds its first transaction; setting up and reading back go through a plain client.
    /// </summary>
    private async Task<Setup> SetUpAsync()
    {
        var configuration = azurite.Configuration(AzuriteFixture.NewPrefix());
        var plain = StorageClients.FromConfiguration(configuration);
        await plain.EnsureCreatedAsync();
        var vehicles = new TableVehicleStore(plain);
        await vehicles.AddAsync(new Vehicle("merged", "u1", "energica", "energica-ss9", "Merged", "0"));
        await vehicles.AddAsync(new Vehicle("onebyone", "u1", "energica", "energica-ss9", "One by one", "0"));
        var log = new RequestLog();
        var hold = new HeldTransaction();
        var options = new TableClientOptions();
        options.AddPolicy(log, HttpPipelinePosition.PerCall);
        options.AddPolicy(hold, HttpPipelinePosition.PerCall);
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString, plain.Names, options);
        return new Setup(storage, plain, new TelemetryTable(storage, vehicles, JourneyOptions.Default), log, hold);
    }

    /// <summary>
    /// Writes <paramref name="first"/>, holds its transaction, starts <paramref name="waiting"/> in
    /// order behind it, then lets it go; returns the waiting callers' writes, all completed, and the
    /// requests sent after the first transaction.
    /// </summary>
    private static async Task<(List<Task<SnapshotsWritten?>> Writes, IReadOnlyList<string> After)> WriteBehindHeldAsync(
        Setup setup, TelemetryMessage first, List<TelemetryMessage> waiting, Func<Task>? whileHeld = null)
    {
        var firstWrite = setup.Table.WriteAsync(first);
        await setup.Hold.Arrived;
        var writes = waiting.Select(m => setup.Table.WriteAsync(m)).ToList();
        Assert.All(writes, w => Assert.False(w.IsCompleted));
        if (whileHeld is not null)
            await whileHeld();
        setup.Log.Clear();
        setup.Hold.Release();
        await firstWrite;
        await Task.WhenAny(Task.WhenAll(writes));
        return (writes, setup.Log.Requests);
    }

    /// <summary>The same messages written one at a time, in this order, for vehicle <c>onebyone</c> by another instance: the same rows and runs.</summary>
    private static async Task AssertSameAsWrittenOneByOneAsync(Setup setup, List<TelemetryMessage> messages)
    {
        var table = new TelemetryTable(setup.Plain, new TableVehicleStore(setup.Plain), JourneyOptions.Default);
        foreach (var message in messages)
            await table.WriteAsync(Copy(message, "onebyone"));
        // The lags of get_vehicle_health are kept in the order messages were stored, which differs.
        Assert.Equal(
            TableRows.Describe(await TableRows.TelemetryOfAsync(setup.Plain, "onebyone"), "PartitionKey", "Lags"),
            TableRows.Describe(await TableRows.TelemetryOfAsync(setup.Plain, "merged"), "PartitionKey", "Lags"));
        Assert.Equal(await RunsAsync(setup.Plain, "onebyone"), await RunsAsync(setup.Plain, "merged"));
    }

    private static async Task<List<string>> RunsAsync(StorageClients storage, string vehicleId)
    {
        var journeys = new JourneyStore(storage);
        var trips = await journeys.ReadRunsAsync(vehicleId, JourneyRows.TripPrefix, 0, long.MaxValue / 2, int.MaxValue);
        var charges = await journeys.ReadRunsAsync(vehicleId, JourneyRows.ChargePrefix, 0, long.MaxValue / 2, int.MaxValue);
        return [.. trips.Concat(charges).Select(r => r.Summary).OrderBy(r => r.Start).Select(JourneyRows.Serialize)];
    }

    private static TelemetryMessage Message(string pushId, DateTimeOffset receivedAt, IEnumerable<Snapshot> snapshots, string userAgent = "My cool app") => new()
    {
        PushId = pushId,
        VehicleId = "merged",
        UserAgent = userAgent,
        ReceivedAt = receivedAt,
        Snapshots = [.. snapshots],
    };

    private static TelemetryMessage Copy(TelemetryMessage message, string vehicleId) => new()
    {
        PushId = message.PushId,
        VehicleId = vehicleId,
        UserAgent = message.UserAgent,
        ReceivedAt = message.ReceivedAt,
        Snapshots = message.Snapshots,
    };

    /// <summary>A snapshot of two rows: its own and one battery's.</summary>
    private static Snapshot Reading(long time, int state, int speed)
    {
        var snapshot = new Snapshot
        {
            Timestamp = time,
            Batteries = [new Component(TelemetryGroup.Battery, 0) { ["soc"] = 60 + (time - Start) % 30, ["v"] = 400, ["i_charge"] = state == 11 ? 120 : 0 }],
        };
        snapshot.General["state"] = state;
        snapshot.General["speed"] = speed;
        snapshot.General["odometer"] = 12_000 + (time - Start) / 10.0;
        return snapshot;
    }
}
