using System.Reflection;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using EvMonitor.Api;
using EvMonitor.Storage;
using Microsoft.Extensions.Logging;

namespace EvMonitor.Monitoring;

/// <summary>
/// <c>GET</c> or <c>POST /api/health</c>, for probes and operators: whether the tables and the
/// queues answer, how many messages wait in the telemetry queues and their poison queues (summed
/// over every shard), and which version runs. Anyone may call it, so it tells nothing of users and
/// its cost is bounded: one check (a table read and two calls per shard at once, at most
/// 1 + 2 × <see cref="TelemetryShards.MaxCount"/>, each within <see cref="CheckTimeout"/>) serves every caller
/// until <see cref="CacheFor"/> after it ended, however many call meanwhile.
/// </summary>
public sealed class HealthEndpoint(StorageClients storage, TimeProvider clock, EvMonitorMetrics metrics, ILogger<HealthEndpoint> logger)
{
    public const string FunctionName = "health";

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The assembly's informational version: the build's version and, where the build knew it, its commit.</summary>
    public static string Version { get; } =
        typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private sealed record Report(bool Tables, bool Queues, long? TelemetryDepth, long? PoisonDepth, DateTimeOffset CheckedAt);

    private readonly Lock _gate = new();
    private Task<Report>? _last;

    public async Task<ApiResult> HandleAsync(string method, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) && !string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
            return ApiResult.Error(405, ErrorCodes.MethodNotAllowed, $"Method {method} is not allowed; health takes GET or POST.") with { Allow = "GET, POST" };

        var report = await CurrentAsync().WaitAsync(cancellationToken);
        var answer = new HealthAnswer("OK", null, null,
            Version,
            report.CheckedAt.ToUnixTimeSeconds(),
            report.Tables ? "reachable" : "unreachable",
            report.Queues ? "reachable" : "unreachable",
            report.TelemetryDepth,
            report.PoisonDepth);
        if (report is { Tables: true, Queues: true })
            return new ApiResult(200, answer);

        metrics.StorageUnavailable(FunctionName);
        var down = report.Tables ? "the queues" : report.Queues ? "the tables" : "the tables and the queues";
        return new ApiResult(503, answer with
        {
            Success = "ERROR",
            Error = $"Storage is unavailable right now: {down} did not answer. Retry later.",
            Code = ErrorCodes.StorageUnavailable,
        }, CacheFor);
    }

    /// <summary>The check under way, or the last one while it is fresh; otherwise a new one.</summary>
    private Task<Report> CurrentAsync()
    {
        lock (_gate)
        {
            if (_last is { } last && (!last.IsCompleted || clock.GetUtcNow() - last.Result.CheckedAt < CacheFor))
                return last;
            return _last = CheckAsync();
        }
    }

    /// <summary>Never throws: whatever fails is reported unreachable. No caller's cancellation stops it, as other callers share it.</summary>
    private async Task<Report> CheckAsync()
    {
        using var timeout = new CancellationTokenSource(CheckTimeout, clock);
        // A point read of a row that is never written, in every telemetry account (the first is the
        // main one): the service answers, and no data is read.
        var tables = ProbeAsync("tables", () => Task.WhenAll(storage.TelemetryTables.Select(table =>
            table.GetEntityIfExistsAsync<TableEntity>("health", "probe", ["PartitionKey"], timeout.Token))));
        var shards = storage.Names.Shards.All.ToList();
        var telemetry = shards.Select(shard => DepthAsync(storage.TelemetryQueueOf(shard), timeout.Token)).ToList();
        var poison = shards.Select(shard => DepthAsync(storage.TelemetryPoisonQueueOf(shard), timeout.Token)).ToList();
        await Task.WhenAll([tables, .. telemetry, .. poison]);
        var telemetryDepth = await TotalAsync(telemetry);
        var poisonDepth = await TotalAsync(poison);
        if (poisonDepth is { } depth)
            metrics.PoisonQueueDepth(depth);
        return new Report(await tables, telemetryDepth is not null && poisonDepth is not null, telemetryDepth, poisonDepth, clock.GetUtcNow());
    }

    /// <returns>The queue's approximate message count, or null when it did not answer.</returns>
    private async Task<long?> DepthAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        long? depth = null;
        await ProbeAsync("queue " + queue.Name, async () => depth = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount);
        return depth;
    }

    /// <summary>The sum over every shard's queue; null unless every one answered, as a part of the depth would mislead.</summary>
    private static async Task<long?> TotalAsync(IEnumerable<Task<long?>> depths)
    {
        long total = 0;
        foreach (var depth in depths)
        {
            if (await depth is not { } value)
                return null;
            total += value;
        }
        return total;
    }

    /// <returns>Whether the call succeeded.</returns>
    private async Task<bool> ProbeAsync(string part, Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Health check: the {Part} did not answer", part);
            return false;
        }
    }
}
