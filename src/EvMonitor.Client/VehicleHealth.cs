using System.Text.Json.Serialization;
using EvMonitor.Client.Wire;

namespace EvMonitor.Client;

/// <summary>
/// <c>get_vehicle_health</c>: how the vehicle's data is arriving (docs/api-extensions.md). The
/// figures show up to one flush interval (10 s) late.
/// </summary>
/// <param name="VehicleId">The vehicle.</param>
/// <param name="LastMeasured">The newest stored snapshot's measured time; null before the first.</param>
/// <param name="LastReceived">When <c>push</c> last received a snapshot; null before the first.</param>
/// <param name="LagSnapshots">How many received snapshots (at most 1,000) the lag percentiles cover.</param>
/// <param name="LagP50Seconds">Received − measured, median; null with none.</param>
/// <param name="LagP95Seconds">Received − measured, 95th percentile; null with none.</param>
/// <param name="Stored24h">Snapshots stored in the current UTC hour and the 23 before.</param>
/// <param name="Repushed24h">Of those, the ones that replaced an earlier push's snapshot.</param>
/// <param name="Rejected24h">The pushes refused in the same hours.</param>
public sealed record VehicleHealth(
    [property: JsonPropertyName("vehicle_id")] string VehicleId,
    [property: JsonPropertyName("last_measured"), JsonConverter(typeof(NullableUnixSecondsConverter))] DateTimeOffset? LastMeasured,
    [property: JsonPropertyName("last_received"), JsonConverter(typeof(NullableUnixSecondsConverter))] DateTimeOffset? LastReceived,
    [property: JsonPropertyName("lag_snapshots")] int LagSnapshots,
    [property: JsonPropertyName("lag_p50_s")] double? LagP50Seconds,
    [property: JsonPropertyName("lag_p95_s")] double? LagP95Seconds,
    [property: JsonPropertyName("stored_24h")] long Stored24h,
    [property: JsonPropertyName("repushed_24h")] long Repushed24h,
    [property: JsonPropertyName("rejected_24h")] RejectedPushes Rejected24h);

/// <summary>The pushes of the vehicle refused in the last 24 hours.</summary>
/// <param name="Total">How many.</param>
/// <param name="ByCode">How many per error code.</param>
/// <param name="LastAt">The last refusal's time; null with none.</param>
/// <param name="LastCode">The last refusal's code; null with none.</param>
public sealed record RejectedPushes(
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("by_code")] IReadOnlyDictionary<string, long> ByCode,
    [property: JsonPropertyName("last_at"), JsonConverter(typeof(NullableUnixSecondsConverter))] DateTimeOffset? LastAt,
    [property: JsonPropertyName("last_code")] string? LastCode);
