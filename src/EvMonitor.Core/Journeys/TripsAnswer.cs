namespace EvMonitor.Journeys;

/// <param name="NextCursor">Null on the last page.</param>
public sealed record TripsAnswer(string VehicleId, IReadOnlyList<TripView> Trips, string? NextCursor) : Api.OkAnswer;
