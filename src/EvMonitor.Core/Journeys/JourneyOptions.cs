using EvMonitor.Settings;

namespace EvMonitor.Journeys;

/// <summary>How snapshots are cut into trips and charging sessions, set under <c>EvMonitor:Journeys</c>.</summary>
public sealed record JourneyOptions : ISettings
{
    public static string Section => "EvMonitor:Journeys";

    public static readonly TimeSpan DefaultGap = TimeSpan.FromMinutes(10);

    /// <summary>Longer gaps would make a late snapshot recompute ever more of the history around it.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromHours(6);

    public static readonly JourneyOptions Default = new();

    /// <summary>Two consecutive snapshots further apart than this end one trip or session and start the next.</summary>
    public TimeSpan Gap { get; init; } = DefaultGap;

    public long GapSeconds => (long)Gap.TotalSeconds;

    public IEnumerable<string> Problems()
    {
        if (Gap < TimeSpan.FromSeconds(1) || Gap > MaxGap || Gap.Ticks % TimeSpan.TicksPerSecond != 0)
            yield return $"{SettingRules.Name(Section, nameof(Gap))} is {Gap}; it must be whole seconds from 00:00:01 to {MaxGap}.";
    }
}
