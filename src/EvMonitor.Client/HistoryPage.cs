namespace EvMonitor.Client;

/// <summary>One page of <c>get_history</c>.</summary>
/// <param name="Snapshots">Oldest first.</param>
/// <param name="NextCursor">Pass to the next call for the following page; null on the last page.</param>
public sealed record HistoryPage(IReadOnlyList<StoredSnapshot> Snapshots, string? NextCursor);
