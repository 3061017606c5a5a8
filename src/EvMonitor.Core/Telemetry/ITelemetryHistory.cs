using System.Text.Json.Nodes;

namespace EvMonitor.Telemetry;

/// <summary>Reading and erasing a vehicle's stored telemetry (writing is <see cref="TelemetryTable"/>'s).</summary>
public interface ITelemetryHistory
{
    /// <summary>The vehicle's newest snapshot as <see cref="SnapshotJson"/> shows it, or null when it has none.</summary>
    Task<JsonObject?> ReadLatestAsync(string vehicleId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The snapshots measured from <paramref name="from"/> to <paramref name="to"/> (Unix seconds,
    /// inclusive) in time order, at most <paramref name="limit"/> of them; fewer when they are large
    /// (see <see cref="TelemetryHistory.MaxRowsPerPage"/>), never part of one.
    /// </summary>
    Task<SnapshotPage> ReadAsync(string vehicleId, long from, long to, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the vehicle deleted, so that nothing more is written for it, then deletes every snapshot
    /// row, in transactions of at most 100; returns how many rows went.
    /// </summary>
    Task<int> DeleteAllAsync(string vehicleId, CancellationToken cancellationToken = default);
}

/// <param name="Snapshots">In time order.</param>
/// <param name="Next">The time of the first snapshot after this page that is still in the range, or null when there is none.</param>
public sealed record SnapshotPage(IReadOnlyList<JsonObject> Snapshots, long? Next);
