namespace EvMonitor.Journeys;

/// <summary>Reading a vehicle's trips and charging sessions (deriving them is <see cref="JourneyDeriver"/>'s; they are deleted with the vehicle's telemetry).</summary>
public interface IJourneyStore
{
    /// <summary>
    /// The runs of one kind (<see cref="JourneyRows.TripPrefix"/> or <see cref="JourneyRows.ChargePrefix"/>)
    /// that end at or after <paramref name="from"/> and start at or before <paramref name="to"/>, in time
    /// order, at most <paramref name="limit"/>: one range query.
    /// </summary>
    Task<List<StoredRun>> ReadRunsAsync(string vehicleId, string prefix, long from, long to, int limit, CancellationToken cancellationToken = default);
}
