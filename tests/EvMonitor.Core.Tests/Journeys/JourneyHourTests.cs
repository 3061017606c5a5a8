using EvMonitor.Journeys;
using Xunit.Abstractions;

namespace EvMonitor.Core.Tests.Journeys;

/// <summary>
/// An hour's pieces, however they were built, chain into the runs the definition makes of the
/// hour's snapshots directly (<see cref="JourneySegmenter.Runs(IEnumerable{JourneyPoint}, TimeSpan)"/>),
/// and survive their row.
/// </summary>
public sealed class JourneyHourTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(90);
    private const long Start = 1_764_500_400; // 2025-11-30T11:00:00Z, an hour boundary

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AppendedSnapshotBySnapshotOrMadeAgainMinuteByMinuteAnHoursPiecesChainIntoTheRunsOfItsSnapshots(int seed)
    {
        var random = new Random(seed);
        var points = Points(random, step: () => random.Next(1, 120), state: () => random.Next(4) switch { 0 => 0, 1 => 1, 2 => 10, _ => 11 });

        var appended = points.Aggregate(JourneyHour.Empty(Start), (hour, p) => hour.Append(p, Gap));
        // Minutes made again in random stretches, as late snapshots make them.
        var remade = JourneyHour.Empty(Start);
        for (var from = Start; from < Start + JourneyHour.Seconds;)
        {
            var to = Math.Min(Start + JourneyHour.Seconds, from + JourneyHour.MinuteSeconds * random.Next(1, 10)) - 1;
            remade = remade.WithMinutes(from, to, points.Where(p => p.Time >= from && p.Time <= to), Gap);
            from = to + 1;
        }

        var expected = JourneySegmenter.Runs(points, Gap).Select(JourneyRows.Serialize);
        Assert.Equal(expected, JourneySegmenter.Runs(appended.Pieces, Gap).Select(JourneyRows.Serialize));
        Assert.Equal(expected, JourneySegmenter.Runs(remade.Pieces, Gap).Select(JourneyRows.Serialize));
        Assert.True(appended.SameAs(remade));
    }

    [Fact]
    public void AnHourWhoseKindChangesEverySecondWithRandomReadingsFitsItsRowInSeveralColumns()
    {
        var random = new Random(7);
        var on = false;
        var points = Points(random, step: () => 1, state: () => (on = !on) ? 1 : 0);
        var hour = points.Aggregate(JourneyHour.Empty(Start), (h, p) => h.Append(p, Gap));

        var row = hour.ToEntity("v1");
        var read = JourneyHour.FromEntity(row).Hour;

        Assert.Equal(JourneyHour.Seconds, hour.Pieces.Count);
        Assert.True(read.SameAs(hour));
        Assert.Equal(hour.Pieces.Select(JourneyRows.Serialize), read.Pieces.Select(JourneyRows.Serialize));
        var columns = row.Keys.Where(k => k.StartsWith("Minutes", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{hour.Minutes.Count} minute pieces: {columns.Sum(c => row.GetBinary(c)!.Length):N0} bytes in {columns.Count} columns");
        Assert.True(columns.Count > 1, $"{columns.Count} column");
        // A binary property holds at most 64 KiB ("Understanding the Table service data model", Azure Storage reference).
        Assert.All(columns, c => Assert.InRange(row.GetBinary(c)!.Length, 1, 64 * 1024));
    }

    private static List<JourneyPoint> Points(Random random, Func<int> step, Func<int> state)
    {
        var points = new List<JourneyPoint>();
        for (var t = Start; t < Start + JourneyHour.Seconds; t += step())
        {
            double? Reading(double scale) => random.Next(5) == 0 ? null : random.NextDouble() * scale;
            points.Add(new JourneyPoint(t, state(), Reading(200), Reading(50_000), Reading(90), Reading(180), Reading(100), Reading(80_000), Reading(50_000), Reading(30_000)));
        }
        return points;
    }
}
