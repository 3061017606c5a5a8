namespace EvMonitor.Journeys;

/// <summary>
/// The definition of trips and charging sessions: a maximal run of consecutive snapshots of one
/// kind (<see cref="JourneyKinds.Of"/>), split where two consecutive snapshots are more than the
/// gap apart. Snapshots of no kind (state 0) belong to no run but separate runs.
/// </summary>
/// <remarks>
/// Runs are also made from pieces (<see cref="JourneyHour"/>): stretches of consecutive snapshots
/// of one kind, no kind included, none more than the gap after the one before. Chaining pieces with
/// <see cref="Continues"/> on their boundary snapshots gives the runs of their snapshots: within a
/// piece of a run's kind every snapshot continues the one before, and a piece of no kind continues
/// nothing and is continued by nothing.
/// </remarks>
public static class JourneySegmenter
{
    /// <summary>True when <paramref name="next"/> continues the run that <paramref name="previous"/> is the last snapshot of.</summary>
    public static bool Continues(JourneyPoint previous, JourneyPoint next, TimeSpan gap) =>
        JourneyKinds.Of(next.State) != JourneyKind.None && Stretches(previous, next, gap);

    /// <summary>True when <paramref name="next"/> continues the piece that <paramref name="previous"/> is the last snapshot of.</summary>
    public static bool Stretches(JourneyPoint previous, JourneyPoint next, TimeSpan gap) =>
        JourneyKinds.Of(previous.State) == JourneyKinds.Of(next.State)
        && next.Time - previous.Time <= (long)gap.TotalSeconds;

    /// <param name="points">In time order, one per time.</param>
    public static List<JourneySummary> Runs(IEnumerable<JourneyPoint> points, TimeSpan gap) => Runs(points.Select(JourneySummary.Of), gap);

    /// <param name="pieces">In time order, each after the one before.</param>
    public static List<JourneySummary> Runs(IEnumerable<JourneySummary> pieces, TimeSpan gap) =>
        [.. Chain(pieces, (p, q) => Continues(p, q, gap)).Where(r => r.Kind != JourneyKind.None)];

    /// <param name="points">In time order, one per time.</param>
    public static List<JourneySummary> Pieces(IEnumerable<JourneyPoint> points, TimeSpan gap) =>
        Pieces(points.Select(JourneySummary.Of), gap);

    /// <summary>Pieces made of smaller ones: those of consecutive minutes chain into the pieces of their hour.</summary>
    /// <param name="pieces">In time order, each after the one before.</param>
    public static List<JourneySummary> Pieces(IEnumerable<JourneySummary> pieces, TimeSpan gap) =>
        Chain(pieces, (p, q) => Stretches(p, q, gap));

    /// <summary>Merges each part into the one before it where <paramref name="joins"/> holds for their boundary snapshots.</summary>
    private static List<JourneySummary> Chain(IEnumerable<JourneySummary> parts, Func<JourneyPoint, JourneyPoint, bool> joins)
    {
        var chained = new List<JourneySummary>();
        foreach (var part in parts)
        {
            if (chained.Count > 0 && part.Start <= chained[^1].End)
                throw new ArgumentException("Points must be in strictly increasing time order.", nameof(parts));
            if (chained.Count > 0 && joins(chained[^1].Last, part.First))
                chained[^1] = JourneySummary.Merge(chained[^1], part);
            else
                chained.Add(part);
        }
        return chained;
    }
}
