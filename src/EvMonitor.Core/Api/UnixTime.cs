using System.Globalization;

namespace EvMonitor.Api;

/// <summary>Points in time as the API spells them: Unix seconds (UTC), or ISO-8601 with an offset.</summary>
public static class UnixTime
{
    public const string FormatError =
        "must be Unix time in whole seconds or an ISO-8601 date and time with an offset (2024-11-25T16:00:00Z)";

    /// <summary>True when <paramref name="value"/> is whole Unix seconds or an ISO-8601 date and time with an offset.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out long seconds)
    {
        value = value.Trim();
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds))
            return true;
        // Without an offset the instant would depend on the server's time zone.
        if (LooksLikeIsoWithOffset(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            seconds = instant.ToUnixTimeSeconds();
            return true;
        }
        seconds = 0;
        return false;
    }

    /// <summary>ISO-8601 in UTC with a <c>Z</c>, fractions of a second only when there are any (<c>2024-11-25T16:00:00Z</c>).</summary>
    public static string ToIso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool LooksLikeIsoWithOffset(ReadOnlySpan<char> value)
    {
        var t = value.IndexOfAny('T', 't');
        if (t < 0)
            return false;
        var time = value[t..];
        return time.EndsWith("Z") || time.EndsWith("z") || time.IndexOfAny('+', '-') >= 0;
    }
}
