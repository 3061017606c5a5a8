namespace EvMonitor.Client;

/// <summary>One page of <c>get_trips</c> or <c>get_charges</c>.</summary>
/// <typeparam name="T"><see cref="Trip"/> or <see cref="ChargingSession"/>.</typeparam>
/// <param name="Items">In time order.</param>
/// <param name="NextCursor">Pass to the next call for the following page; null on the last page.</param>
public sealed record JourneyPage<T>(IReadOnlyList<T> Items, string? NextCursor);
