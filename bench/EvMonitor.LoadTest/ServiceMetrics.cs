using System.Net.Http.Json;
using System.Text.Json.Serialization;
using EvMonitor.Monitoring;
using EvMonitor.Storage;

namespace EvMonitor.LoadTest;

/// <summary>
/// What the service processes recorded on their EvMonitor meter during a phase, read from each local
/// host's <c>/local/metrics</c>: every storage request its clients sent (the queue pump's receives and
/// deletes included), exact, every accepted push's stage times, and each process's garbage collections.
/// </summary>
public sealed class ServiceMetrics
{
    private sealed record Request(string Kind, string Resource, long Count);
    private sealed record Collections(
        [property: JsonPropertyName("collections")] int[] ByGeneration,
        [property: JsonPropertyName("pause_ms")] double PauseMilliseconds,
        [property: JsonPropertyName("allocated_bytes")] long Allocated);
    private sealed record Reading(
        [property: JsonPropertyName("requests")] Request[] Requests,
        [property: JsonPropertyName("stages")] Dictionary<string, double[]> Stages,
        [property: JsonPropertyName("gc")] Collections Gc);

    private readonly List<Request> _requests = [];
    private readonly Dictionary<string, List<double>> _stages = [];
    private readonly List<(int Port, Collections Gc)> _collections = [];

    /// <summary>Forgets what the hosts recorded so far (start-up, logins, the warm-up).</summary>
    public static async Task ClearAsync(HttpClient http, IEnumerable<int> ports)
    {
        foreach (var port in ports)
            (await http.DeleteAsync($"http://127.0.0.1:{port}/local/metrics")).EnsureSuccessStatusCode();
    }

    public static async Task<ServiceMetrics> ReadAsync(HttpClient http, IEnumerable<int> ports)
    {
        var metrics = new ServiceMetrics();
        foreach (var port in ports)
        {
            var reading = await http.GetFromJsonAsync<Reading>($"http://127.0.0.1:{port}/local/metrics")
                ?? throw new InvalidOperationException($"No metrics from port {port}.");
            metrics._requests.AddRange(reading.Requests);
            metrics._collections.Add((port, reading.Gc));
            foreach (var (stage, times) in reading.Stages)
            {
                if (!metrics._stages.TryGetValue(stage, out var all))
                    metrics._stages[stage] = all = [];
                all.AddRange(times);
            }
        }
        return metrics;
    }

    /// <summary>The floor per push: its messages enqueued, received (up to 32 per receive) and deleted, and one entity-group transaction per 100 rows.</summary>
    public static double FloorPerPush(int messagesPerPush, int snapshotsPerPush) =>
        messagesPerPush * (1 + 1.0 / 32 + 1) + snapshotsPerPush * TelemetryRowsPerSnapshot / 100.0;

    /// <summary>Rows per snapshot in the telemetry table (TelemetryRows).</summary>
    public const int TelemetryRowsPerSnapshot = 4;

    /// <param name="prefix">The run's storage prefix, left out of table and queue names.</param>
    public void Report(long pushes, int batch, int messagesPerPush, string prefix)
    {
        if (pushes == 0)
            return;
        var snapshots = (double)pushes * batch;
        var total = _requests.Sum(r => r.Count);
        var polling = _requests.Where(r => r.Kind == StorageRequestKinds.GetMessagesEmpty).Sum(r => r.Count);
        var floor = FloorPerPush(messagesPerPush, batch);
        string Name(string resource) => resource.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? resource[prefix.Length..].TrimStart('-') : resource;

        Console.WriteLine($"  storage requests by the service (exact): {total} for {pushes} pushes = {total / (double)pushes:F3} per push, {total / snapshots:F4} per snapshot; " +
                          $"floor {floor:F3} per push: {total / (double)pushes / floor:F2}x the floor ({(total - polling) / (double)pushes / floor:F2}x without empty receives)");
        foreach (var kind in _requests.GroupBy(r => r.Kind).OrderByDescending(g => g.Sum(r => r.Count)))
        {
            var count = kind.Sum(r => r.Count);
            var where = string.Join(", ", kind.GroupBy(r => Name(r.Resource)).Select(g => $"{g.Key} {g.Sum(r => r.Count)}"));
            Console.WriteLine($"    {kind.Key,-26} {count,8} = {count / (double)pushes,7:F3} per push, {count / snapshots,7:F4} per snapshot ({where})");
        }

        foreach (var (port, gc) in _collections)
            Console.WriteLine($"  garbage collections in the process on port {port}: gen0 {gc.ByGeneration[0]}, gen1 {gc.ByGeneration[1]}, gen2 {gc.ByGeneration[2]}, " +
                              $"paused {gc.PauseMilliseconds:F1} ms in all; {gc.Allocated / 1e6:F1} MB allocated, {gc.Allocated / 1024.0 / pushes:F1} KiB per push");

        if (_stages.Count == 0)
            return;
        Console.WriteLine("  push path, in process (accepted pushes): stage p50 / p99 / max (count)");
        string[] order = [PushTimer.Parse, PushTimer.Token, PushTimer.Ownership, PushTimer.Build, PushTimer.OwnWork, PushTimer.OwnWorkGcPause, PushTimer.OwnWorkNoWait, PushTimer.OwnWorkCpu, PushTimer.Enqueue];
        foreach (var stage in order.Where(_stages.ContainsKey))
        {
            var times = _stages[stage];
            times.Sort();
            Console.WriteLine($"    {stage,-22} {Percentile(times, 50):F3} / {Percentile(times, 99):F3} / {times[^1]:F3} ms ({times.Count})");
        }
        if (_stages.TryGetValue(PushTimer.OwnWorkGcPause, out var pauses))
            Console.WriteLine($"    pushes whose own work a collection paused: {pauses.Count(p => p > 0)} of {pauses.Count}");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
