using System.Text.Json.Serialization;
using EvMonitor.Telemetry;

namespace EvMonitor.Benchmarks;

/// <summary>
/// The baseline's model: a push as one typed object, read by System.Text.Json's source-generated
/// deserializer straight into the service's own <see cref="Snapshot"/> (no validation, no field paths).
/// </summary>
public sealed class PushRequest
{
    [JsonPropertyName("token")] public string? Token { get; set; }
    [JsonPropertyName("vehicle_id")] public string? VehicleId { get; set; }
    [JsonPropertyName("user-agent")] public string? UserAgent { get; set; }
    [JsonPropertyName("data")] public List<Snapshot> Data { get; set; } = [];
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PushRequest))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
