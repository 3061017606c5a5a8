using EvMonitor.Journeys;

namespace EvMonitor.Core.Tests.Journeys;

/// <summary>
/// Period starts in zones with daylight saving. Expected instants come from the rules, not the
/// code: in the EU clocks change at 01:00 UTC on the last Sunday of March and of October (Directive
/// 2000/84/EC), so Europe/Berlin is UTC+1 before 2026-03-29T01:00Z and after 2026-10-25T01:00Z and
/// UTC+2 between; Cuba (tz database, rule "Cuba") changes at local midnight: 2026-03-08 00:00 CST
/// jumps to 01:00 CDT, and 2026-11-01 01:00 CDT falls back to 00:00 CST, so that midnight happens twice.
/// </summary>
public sealed class JourneyPeriodsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");

    private static long Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    [Fact]
    public void DaysAroundSpringForwardStartAtLocalMidnightsAndTheChangeDayHas23Hours()
    {
        var (starts, end) = JourneyPeriods.Cover(Utc("2026-03-28T12:00:00Z"), Utc("2026-03-30T12:00:00Z"), JourneyPeriods.Day, Berlin);

        Assert.Equal([Utc("2026-03-27T23:00:00Z"), Utc("2026-03-28T23:00:00Z"), Utc("2026-03-29T22:00:00Z")], starts);
        Assert.Equal(Utc("2026-03-30T22:00:00Z"), end);
        Assert.Equal(23 * 3600, starts[2] - starts[1]);
    }

    [Fact]
    public void DaysAroundFallBackStartAtLocalMidnightsAndTheChangeDayHas25Hours()
    {
        var (starts, end) = JourneyPeriods.Cover(Utc("2026-10-25T00:00:00Z"), Utc("2026-10-25T23:30:00Z"), JourneyPeriods.Day, Berlin);

        // 2026-10-25T00:00Z is 02:00 CEST on the 25th; 23:30Z is 00:30 CET on the 26th.
        Assert.Equal([Utc("2026-10-24T22:00:00Z"), Utc("2026-10-25T23:00:00Z")], starts);
        Assert.Equal(Utc("2026-10-26T23:00:00Z"), end);
        Assert.Equal(25 * 3600, starts[1] - starts[0]);
    }

    [Fact]
    public void MonthsStartAtTheLocalMidnightOfTheFirstWhateverTheOffsetThatDay()
    {
        var (starts, end) = JourneyPeriods.Cover(Utc("2026-01-15T00:00:00Z"), Utc("2026-04-15T00:00:00Z"), JourneyPeriods.Month, Berlin);

        Assert.Equal(
            [Utc("2025-12-31T23:00:00Z"), Utc("2026-01-31T23:00:00Z"), Utc("2026-02-28T23:00:00Z"), Utc("2026-03-31T22:00:00Z")],
            starts);
        Assert.Equal(Utc("2026-04-30T22:00:00Z"), end);
    }

    [Fact]
    public void AMidnightThatHappensTwiceStartsTheDayAtItsFirstOccurrence()
    {
        var (starts, _) = JourneyPeriods.Cover(Utc("2026-10-31T12:00:00Z"), Utc("2026-11-01T12:00:00Z"), JourneyPeriods.Day, Havana);

        // 00:00 CDT (UTC−4) on 1 November, not the second 00:00, CST (UTC−5), an hour later.
        Assert.Equal([Utc("2026-10-31T04:00:00Z"), Utc("2026-11-01T04:00:00Z")], starts);
    }

    [Fact]
    public void AMidnightThatIsSkippedStartsTheDayWhenTheClockJumps()
    {
        var (starts, _) = JourneyPeriods.Cover(Utc("2026-03-08T12:00:00Z"), Utc("2026-03-08T12:00:00Z"), JourneyPeriods.Day, Havana);

        // The 8th begins when 00:00 CST (UTC−5) becomes 01:00 CDT.
        Assert.Equal([Utc("2026-03-08T05:00:00Z")], starts);
    }
}
