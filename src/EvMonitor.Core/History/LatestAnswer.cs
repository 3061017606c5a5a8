using System.Text.Json.Nodes;

namespace EvMonitor.History;

/// <param name="Snapshot">As <see cref="Telemetry.SnapshotJson"/> writes it; null before the vehicle's first push is stored.</param>
public sealed record LatestAnswer(string VehicleId, JsonObject? Snapshot) : Api.OkAnswer;
