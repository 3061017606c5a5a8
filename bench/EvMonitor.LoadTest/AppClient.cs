using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
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
/// vehicle. Like a real app, it sends a push again after a 503 or a lost connection, so a snapshot
/// is either acknowledged or still being retried when the run ends.
/// </summary>
/// <param name="queue">For a baseline: send the queue messages the pushes would become straight to this queue instead of pushing them.</param>
public sealed class AppClient(HttpClient http, string email, string password, string vehicleId, int batch, long firstTimestamp, int seed, QueueClient? queue = null)
{
    private string _token = "";
    private long _next = firstTimestamp;
    private PushBodies? _bodies;

    public string VehicleId => vehicleId;

    /// <summary>First timestamps of the pushes answered OK, each covering <c>batch</c> seconds.</summary>
    public List<long> Acknowledged { get; } = [];

    /// <summary>A push that never got its OK before the run ended: it may or may not have been stored.</summary>
    public long? Unanswered { get; private set; }

    /// <summary>When the last <see cref="RunAsync"/> sent its first push.</summary>
    public DateTime? FirstPushAt { get; private set; }

    public async Task LoginAsync()
    {
        var answer = await PostAsync("login", $"username={Uri.EscapeDataString(email)}&password={Uri.EscapeDataString(password)}");
        _token = (string?)answer.Body?["token"] ?? throw new InvalidOperationException($"Login failed: {answer.Status} {answer.Body?.ToJsonString()}");
        _bodies = new PushBodies(_token, vehicleId, batch, seed);
    }

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
                    counters.FirstUnexpected ??= $"{(int)answer.Status} {answer.Body?.ToJsonString()}";
                    await Task.Delay(500, CancellationToken.None);
                    break;
            }
        }
    }

    private sealed record Answer(HttpStatusCode Status, JsonObject? Body);

    private async Task<(Answer, TimeSpan)> PushAsync(long first)
    {
        var body = _bodies!.Body(first);
        var started = Stopwatch.GetTimestamp();
        var answer = await PostAsync("push", body);
        return (answer, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>What the push endpoint would queue for the same push, sent with a Base64 queue client.</summary>
    private async Task<(Answer, TimeSpan)> EnqueueAsync(QueueClient queue, long first)
    {
        var messages = _bodies!.Messages(first);
        var started = Stopwatch.GetTimestamp();
        try
        {
            foreach (var message in messages)
                await queue.SendMessageAsync(message, timeToLive: TimeSpan.FromSeconds(-1));
            return (new Answer(HttpStatusCode.OK, null), Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (StorageOutage.Is(e))
        {
            return (new Answer(HttpStatusCode.ServiceUnavailable, null), Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<Answer> PostAsync(string endpoint, string form)
    {
        try
        {
            using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await http.PostAsync(endpoint, content);
            var text = await response.Content.ReadAsStringAsync();
            return new Answer(response.StatusCode, JsonNode.Parse(text) as JsonObject);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new Answer(0, null);
        }
    }
}
