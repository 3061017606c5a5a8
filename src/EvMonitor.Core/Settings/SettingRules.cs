namespace EvMonitor.Settings;

/// <summary>The checks settings share; each message names the setting and its value.</summary>
public static class SettingRules
{
    public static IEnumerable<string> AtLeast(string section, string property, long value, long min)
    {
        if (value < min)
            yield return $"{Name(section, property)} is {value}; it must be at least {min}.";
    }

    public static IEnumerable<string> Positive(string section, string property, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            yield return $"{Name(section, property)} is {value}; it must be longer than 00:00:00.";
    }

    /// <summary><c>EvMonitor:LoginThrottle:Window (EvMonitor__LoginThrottle__Window)</c>; a top-level setting by its name alone.</summary>
    public static string Name(string section, string property) =>
        section.Length == 0 ? property : $"{section}:{property} ({SettingsRegistration.AppSettingName(section, property)})";
}
