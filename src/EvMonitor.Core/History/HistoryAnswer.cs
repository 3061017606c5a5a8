using System.Text.Json.Nodes;

namespace EvMonitor.History;

/// <param name="Snapshots">As <see cref="Telemetry.SnapshotJson"/> writes them, in time order.</param>
/// <param name="NextCursor">Null on the last page.</param>
public sealed record HistoryAnswer(string VehicleId, IReadOnlyList<JsonObject> Snapshots, string? NextCursor) : Api.OkAnswer;
