namespace EvMonitor.Client;

/// <summary>What one entry of <c>get_stats</c> covers, in the vehicle's time zone.</summary>
public enum StatsPeriod
{
    /// <summary>A day, from local midnight (23 or 25 hours where the clocks change).</summary>
    Day,

    /// <summary>A calendar month.</summary>
    Month,
}
