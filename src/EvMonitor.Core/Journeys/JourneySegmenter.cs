namespace EvMonitor.Journeys;

/// <summary>
/// The definition of trips and charging sessions: a maximal run of consecutive snapshots of one
/// kind (<see cref="JourneyKinds.Of"/>), split where two consecutive snapshots are more than the
/// gap apart. Snapshots of no kind (state 0) belong to no run but separate runs.
/// </summary>
public static class JourneySegmenter
{
    /// <summary>True when <paramref name="next"/> continues the run that <paramref name="previous"/> is the last snapshot of.</summary>
    public static bool Continues(JourneyPoint previous, JourneyPoint next, TimeSpan gap) =>
        JourneyKinds.Of(previous.State) == JourneyKinds.Of(next.State)
        && JourneyKinds.Of(next.State) != JourneyKind.None
        && next.Time - previous.Time <= (long)gap.TotalSeconds;

    /// <param name="points">In time order, one per time.</param>
    public static List<JourneySummary> Runs(IEnumerable<JourneyPoint> points, TimeSpan gap)
    {
        var runs = new List<JourneySummary>();
        JourneyPoint? previous = null;
        foreach (var p in points)
        {
            if (previous is not null && p.Time <= previous.Time)
                throw new ArgumentException("Points must be in strictly increasing time order.", nameof(points));
            if (previous is not null && Continues(previous, p, gap))
                runs[^1] = JourneySummary.Merge(runs[^1], JourneySummary.Of(p));
            else if (JourneyKinds.Of(p.State) != JourneyKind.None)
                runs.Add(JourneySummary.Of(p));
            previous = p;
        }
        return runs;
    }
}
