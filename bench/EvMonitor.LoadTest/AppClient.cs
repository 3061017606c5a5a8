using System.Diagnostics;
using System.Net;
using Azure.Storage.Queues;
using EvMonitor.Client;
using EvMonitor.Storage;

namespace EvMonitor.LoadTest;

/// <summary>Tallies shared by every client of a run.</summary>
public sealed class PushCounters
{
    public int Ok;
    public int Unavailable;
    public int Other;
    public int TransportErrors;
    /// <summary>OK answers after storage came back (storage-restart).</summary>
    public int OkAfterRecovery;
    public DateTime? RecoveredAt;
    public string? FirstUnexpected;
}

/// <summary>
/// One app: logs in, then pushes batches of snapshots with increasing timestamps for its own
/// vehicle through <see cref="EvMonitorClient"/>, as apps do (JSON bodies). Like a real app, it
/// sends a push again after a 503 or a lost connection, so a snapshot is either acknowledged or
/// still being retried when the run ends. The client's own retries are off, so that every attempt
/// is measured and counted here; its token renewal stays on, so a push that renews the token
/// (once per 9 minutes per app) includes the login in its latency.
/// </summary>
/// <param name="queue">For a baseline: send the queue messages the pushes would become straight to this queue instead of pushing them.</param>
public sealed class AppClient(HttpClient http, string email, string password, string vehicleId, int batch, long firstTimestamp, int seed, QueueClient? queue = null)
{
    private readonly EvMonitorClient _client = new(http, new EvMonitorClientOptions { Username = email, Password = password, MaxRetries = 0 });
    private readonly PushBodies _bodies = new("token", vehicleId, batch, seed);
    private readonly IReadOnlyList<TelemetrySnapshot> _sample = SampleSnapshots.Read(vehicleId, batch, seed);
    private long _next = firstTimestamp;

    public string VehicleId => vehicleId;

    /// <summary>First timestamps of the pushes answered OK, each covering <c>batch</c> seconds.</summary>
    public List<long> Acknowledged { get; } = [];

    /// <summary>A push that never got its OK before the run ended: it may or may not have been stored.</summary>
    public long? Unanswered { get; private set; }

    /// <summary>When the last <see cref="RunAsync"/> sent its first push.</summary>
    public DateTime? FirstPushAt { get; private set; }

    public Task LoginAsync() => _client.LoginAsync();

    /// <summary>Pushes until <paramref name="until"/>; called again, it carries on with the next timestamps.</summary>
    /// <param name="interval">Null: the next push as soon as the last is answered (as many as the service takes).
    /// Otherwise one push per interval, as apps send them, with a random start so apps do not push in step.</param>
    public async Task RunAsync(DateTime until, DateTime measureFrom, Latencies latencies, PushCounters counters, TimeSpan? interval)
    {
        FirstPushAt = null;
        Unanswered = null;
        var slot = DateTime.UtcNow + (interval ?? TimeSpan.Zero) * Random.Shared.NextDouble();
        while (DateTime.UtcNow < until)
        {
            if (interval is { } every)
            {
                if (slot > DateTime.UtcNow)
                    await Task.Delay(slot - DateTime.UtcNow);
                slot += every;
            }
            FirstPushAt ??= DateTime.UtcNow;
            var (answer, elapsed) = queue is null ? await PushAsync(_next) : await EnqueueAsync(queue, _next);
            switch (answer.Status)
            {
                case HttpStatusCode.OK:
                    Acknowledged.Add(_next);
                    _next += batch;
                    Unanswered = null;
                    Interlocked.Increment(ref counters.Ok);
                    if (counters.RecoveredAt is { } recovered && DateTime.UtcNow >= recovered)
                        Interlocked.Increment(ref counters.OkAfterRecovery);
                    if (DateTime.UtcNow >= measureFrom)
                        latencies.Add(elapsed);
                    break;
                case HttpStatusCode.ServiceUnavailable:
                    Unanswered = _next;
                    Interlocked.Increment(ref counters.Unavailable);
                    await Task.Delay(500, CancellationToken.None);
                    break;
                case 0:
                    Unanswered = _next;
                    Interlocked.Increment(ref counters.TransportErrors);
                    await Task.Delay(500, CancellationToken.None);
                    break;
                default:
                    Unanswered = _next;
                    Interlocked.Increment(ref counters.Other);
                    counters.FirstUnexpected ??= $"{(int)answer.Status} {answer.Detail}";
                    await Task.Delay(500, CancellationToken.None);
                    break;
            }
        }
    }

    private sealed record Answer(HttpStatusCode Status, string? Detail = null);

    private async Task<(Answer, TimeSpan)> PushAsync(long first)
    {
        var snapshots = SampleSnapshots.At(_sample, first);
        var started = Stopwatch.GetTimestamp();
        var answer = await SendAsync(snapshots);
        return (answer, Stopwatch.GetElapsedTime(started));
    }

    private async Task<Answer> SendAsync(IReadOnlyList<TelemetrySnapshot> snapshots)
    {
        try
        {
            await _client.PushAsync(vehicleId, snapshots, SampleSnapshots.UserAgent);
            return new Answer(HttpStatusCode.OK);
        }
        catch (EvMonitorApiException e)
        {
            return new Answer(e.Status, $"{e.Code} {e.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Answer(0);
        }
    }

    /// <summary>What the push endpoint would queue for the same push, sent with a Base64 queue client.</summary>
    private async Task<(Answer, TimeSpan)> EnqueueAsync(QueueClient queue, long first)
    {
        var messages = _bodies.Messages(first);
        var started = Stopwatch.GetTimestamp();
        try
        {
            foreach (var message in messages)
                await queue.SendMessageAsync(message, timeToLive: TimeSpan.FromSeconds(-1));
            return (new Answer(HttpStatusCode.OK), Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (StorageOutage.Is(e))
        {
            return (new Answer(HttpStatusCode.ServiceUnavailable), Stopwatch.GetElapsedTime(started));
        }
    }
}
