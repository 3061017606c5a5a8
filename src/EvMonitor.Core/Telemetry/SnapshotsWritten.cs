namespace EvMonitor.Telemetry;

/// <summary>What storing one queue message wrote.</summary>
/// <param name="Count">Snapshots written.</param>
/// <param name="Repushed">Of those, how many replaced a snapshot that an earlier push had stored.</param>
public sealed record SnapshotsWritten(int Count, int Repushed);
