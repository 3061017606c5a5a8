namespace EvMonitor.Journeys;

/// <summary>Days and months as they start in a vehicle's time zone, as Unix seconds.</summary>
public static class JourneyPeriods
{
    public const string Day = "day";
    public const string Month = "month";

    /// <summary>The starts of every period from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>, and the end of the last.</summary>
    public static (List<long> Starts, long End) Cover(long from, long to, string period, TimeZoneInfo zone)
    {
        var local = StartOf(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(from), zone).DateTime, period);
        var starts = new List<long>();
        while (true)
        {
            var start = ToUnix(local, zone);
            if (start > to)
                return (starts, start);
            starts.Add(start);
            local = period == Day ? local.AddDays(1) : local.AddMonths(1);
        }
    }

    private static DateTime StartOf(DateTime local, string period) =>
        period == Day ? local.Date : new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>
    /// Local midnight. Where a clock change skips it, the day starts when the clock jumps (midnight
    /// at the offset before the change, which is the standard one); where the clock falls back to
    /// midnight so that it happens twice, the day starts at the first (the larger offset).
    /// </summary>
    private static long ToUnix(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.IsAmbiguousTime(unspecified) ? zone.GetAmbiguousTimeOffsets(unspecified).Max() : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUnixTimeSeconds();
    }
}
