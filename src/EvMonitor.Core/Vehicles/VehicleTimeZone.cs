using EvMonitor.Api;

namespace EvMonitor.Vehicles;

/// <summary>The vehicle setting <c>time_zone</c>: an IANA name (<c>Europe/Rome</c>), in which statistics' days and months start.</summary>
public static class VehicleTimeZone
{
    public const string Default = "UTC";

    /// <summary>The longest IANA name is 32 characters (America/Argentina/ComodRivadavia).</summary>
    private const int MaxLength = 64;

    /// <summary>The name as stored, or null with the problem added to <paramref name="errors"/>.</summary>
    public static string? Read(string value, List<FieldError> errors)
    {
        value = value.Trim();
        // Windows names are also found by FindSystemTimeZoneById; only IANA names are accepted, so apps see one spelling.
        if (value.Length is 0 or > MaxLength || !TimeZoneInfo.TryConvertIanaIdToWindowsId(value, out _) || !TimeZoneInfo.TryFindSystemTimeZoneById(value, out _))
        {
            errors.Add(new FieldError("time_zone", "must be an IANA time zone name such as Europe/Rome or UTC"));
            return null;
        }
        return value;
    }

    /// <summary>The zone of a stored name; UTC for a name this machine no longer knows.</summary>
    public static TimeZoneInfo Find(string name) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : TimeZoneInfo.Utc;
}
