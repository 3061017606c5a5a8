using System.Text.Json.Serialization;

namespace EvMonitor.VehicleHealth;

/// <summary><c>get_vehicle_health</c>'s answer; a figure the data cannot give is null.</summary>
public sealed record VehicleHealthAnswer(
    string VehicleId,
    long? LastMeasured,
    long? LastReceived,
    int LagSnapshots,
    [property: JsonPropertyName("lag_p50_s")] double? LagP50S,
    [property: JsonPropertyName("lag_p95_s")] double? LagP95S,
    [property: JsonPropertyName("stored_24h")] int Stored24h,
    [property: JsonPropertyName("repushed_24h")] int Repushed24h,
    [property: JsonPropertyName("rejected_24h")] RejectedPushes Rejected24h) : Api.OkAnswer;

/// <param name="ByCode">Error code to count, in code order.</param>
public sealed record RejectedPushes(int Total, IReadOnlyDictionary<string, int> ByCode, long? LastAt, string? LastCode);
