using Microsoft.Extensions.Configuration;

namespace EvMonitor.Journeys;

/// <param name="Gap">Two consecutive snapshots further apart than this end one trip or session and start the next.</param>
public sealed record JourneyOptions(TimeSpan Gap)
{
    public static readonly TimeSpan DefaultGap = TimeSpan.FromMinutes(10);

    /// <summary>Longer gaps would make a late snapshot recompute ever more of the history around it.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromHours(6);

    public static readonly JourneyOptions Default = new(DefaultGap);

    public long GapSeconds => (long)Gap.TotalSeconds;

    /// <exception cref="InvalidOperationException">The setting is not a whole number of seconds from 1 s to <see cref="MaxGap"/>.</exception>
    public static JourneyOptions FromConfiguration(IConfiguration configuration)
    {
        var gap = configuration.GetValue("EvMonitor:Journeys:Gap", DefaultGap);
        if (gap < TimeSpan.FromSeconds(1) || gap > MaxGap || gap.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new InvalidOperationException($"EvMonitor:Journeys:Gap is {gap}; it must be whole seconds from 00:00:01 to {MaxGap}.");
        return new JourneyOptions(gap);
    }
}
