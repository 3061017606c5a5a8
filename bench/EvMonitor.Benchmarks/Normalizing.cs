using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EvMonitor.Bench;
using EvMonitor.Push;
using EvMonitor.Api;
using EvMonitor.Telemetry;

namespace EvMonitor.Benchmarks;

/// <summary>
/// The normalizer's CPU work for one queue message: reading it (<see cref="TelemetryMessages.Unpack"/>)
/// and turning every snapshot into its table rows (<see cref="TelemetryRows.ToEntities"/>); times are per message.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class Normalizing
{
    private byte[] _message = [];

    [Params(10, 1000)]
    public int Snapshots { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        var reader = new PushReader(now);
        RequestBodyParser.ParseForm(SamplePush.FormBody(SamplePush.Json("t", "abcdefg12345678", now.ToUnixTimeSeconds() - 7200, Snapshots)), reader);
        var (snapshots, errors) = reader.Complete();
        if (errors.Count > 0)
            throw new InvalidOperationException("The sample push does not validate.");
        // Written whole: a push this size travels as several 48 KiB messages, but the per-snapshot work is the same.
        _message = JsonSerializer.SerializeToUtf8Bytes(
            new TelemetryMessage { PushId = Guid.NewGuid().ToString("N"), VehicleId = "abcdefg12345678", UserAgent = reader.UserAgent, ReceivedAt = now, Snapshots = [.. snapshots] },
            TelemetryJsonContext.Default.TelemetryMessage);
    }

    [Benchmark(Description = "Unpack + ToEntities")]
    public int UnpackToEntities()
    {
        var message = TelemetryMessages.Unpack(_message);
        var rows = 0;
        foreach (var snapshot in message.Snapshots)
            rows += TelemetryRows.ToEntities(message, snapshot).Count;
        return rows;
    }
}
