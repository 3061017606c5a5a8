using System.Collections.Concurrent;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// The real telemetry queue, noting every message the push path sends: the normalizer takes
/// messages off the queue as they arrive, so the queue itself cannot be counted afterwards.
/// </summary>
public sealed class RecordingTelemetryQueue(ITelemetryQueue queue) : ITelemetryQueue
{
    private readonly ConcurrentQueue<BinaryData> _sent = new();

    /// <summary>For <see cref="RunningService.StartAsync"/>'s <c>configure</c>.</summary>
    public static void Install(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<ITelemetryQueue>(sp => new RecordingTelemetryQueue(new TelemetryQueue(sp.GetRequiredService<StorageClients>())));

    public static RecordingTelemetryQueue Of(RunningService service) =>
        (RecordingTelemetryQueue)service.Services.GetRequiredService<ITelemetryQueue>();

    /// <summary>The messages sent for one vehicle, in order, unpacked.</summary>
    public IReadOnlyList<TelemetryMessage> For(string vehicleId) =>
        _sent.Select(m => TelemetryMessages.Unpack(m.ToMemory())).Where(m => m.VehicleId == vehicleId).ToList();

    private readonly ConcurrentBag<int> _shards = [];

    /// <summary>The shard of every message sent, as the queue reported it.</summary>
    public IReadOnlyCollection<int> Shards => _shards;

    public async Task<SentMessage> SendAsync(string vehicleId, BinaryData message, CancellationToken cancellationToken = default)
    {
        var sent = await queue.SendAsync(vehicleId, message, cancellationToken);
        _sent.Enqueue(message);
        _shards.Add(sent.Shard);
        return sent;
    }

    public Task DeleteAsync(SentMessage message, CancellationToken cancellationToken = default) => queue.DeleteAsync(message, cancellationToken);
}
