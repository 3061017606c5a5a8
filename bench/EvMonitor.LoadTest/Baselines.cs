using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using EvMonitor.Storage;
using EvMonitor.Telemetry;

namespace EvMonitor.LoadTest;

/// <summary>
/// What the storage itself manages at the same concurrency, measured on the same emulator in the
/// same run, so the service's figures can be read as ratios rather than machine-dependent numbers.
/// </summary>
public static class Baselines
{
    /// <summary>
    /// The storage ceiling: the same snapshots as the apps push, turned into their rows by
    /// <see cref="TelemetryRows"/> and written straight to a table in entity-group transactions, one
    /// partition (vehicle) per writer. Every row is added, as the service adds new snapshots: in the
    /// emulator an add costs less than an upsert. Returns snapshots written per second.
    /// </summary>
    public static async Task<(double SnapshotsPerSecond, int Snapshots)> TableCeilingAsync(StorageClients storage, string tableName, int writers, int batch, TimeSpan duration, TimeSpan warmUp)
    {
        var table = storage.Tables.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        var written = 0;
        var measuring = new TaskCompletionSource();
        async Task WriteAsync(int writer)
        {
            var bodies = new PushBodies("ceiling", "vehicle", batch, writer);
            var message = new TelemetryMessage { PushId = Guid.NewGuid().ToString("N"), VehicleId = $"ceiling{writer:D3}", UserAgent = "ceiling", ReceivedAt = DateTimeOffset.UtcNow };
            var first = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 2 * 86_400;
            var snapshots = bodies.Snapshots(first);
            var offsets = snapshots.Select(s => s.Timestamp - first).ToArray();
            var until = DateTime.UtcNow + warmUp + duration;
            for (var push = 0; DateTime.UtcNow < until; push++)
            {
                var actions = new List<TableTransactionAction>(snapshots.Count * 4);
                for (var i = 0; i < snapshots.Count; i++)
                {
                    snapshots[i].Timestamp = first + (long)push * batch + offsets[i];
                    foreach (var row in TelemetryRows.ToEntities(message, snapshots[i]))
                        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
                }
                foreach (var chunk in actions.Chunk(TableBatches.MaxActions))
                    await table.SubmitTransactionAsync(chunk);
                if (measuring.Task.IsCompleted)
                    Interlocked.Add(ref written, snapshots.Count);
            }
        }

        var tasks = Enumerable.Range(0, writers).Select(WriteAsync).ToList();
        await Task.Delay(warmUp);
        measuring.SetResult();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        await table.DeleteAsync();
        return (written / seconds, written);
    }

    /// <summary>
    /// A bare enqueue: the queue messages the same pushes become (packed as the push endpoint packs
    /// them), sent with a Base64 <see cref="QueueClient"/> at the same concurrency. Returns their round-trip times.
    /// </summary>
    /// <param name="interval">As for the apps: null sends back to back, otherwise one message per interval per sender.</param>
    public static async Task<Latencies> BareEnqueueAsync(StorageClients storage, string queueName, int senders, int batch, TimeSpan duration, TimeSpan warmUp, TimeSpan? interval)
    {
        var queue = storage.Queues.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        var latencies = new Latencies();
        var measureFrom = DateTime.UtcNow + warmUp;
        var until = measureFrom + duration;
        async Task SendAsync(int sender)
        {
            var first = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 86_400;
            var messages = new PushBodies("bare", $"bare{sender:D3}", batch, sender).Messages(first);
            var slot = DateTime.UtcNow + (interval ?? TimeSpan.Zero) * Random.Shared.NextDouble();
            while (DateTime.UtcNow < until)
            {
                if (interval is { } every)
                {
                    if (slot > DateTime.UtcNow)
                        await Task.Delay(slot - DateTime.UtcNow);
                    slot += every;
                }
                var started = Stopwatch.GetTimestamp();
                foreach (var message in messages)
                    await queue.SendMessageAsync(message, timeToLive: TimeSpan.FromSeconds(-1));
                if (DateTime.UtcNow >= measureFrom)
                    latencies.Add(Stopwatch.GetElapsedTime(started));
            }
        }
        await Task.WhenAll(Enumerable.Range(0, senders).Select(SendAsync));
        await queue.DeleteAsync();
        return latencies;
    }
}
