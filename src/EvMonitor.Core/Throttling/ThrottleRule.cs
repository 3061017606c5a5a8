using EvMonitor.Settings;

namespace EvMonitor.Throttling;

/// <summary>
/// How many attempts one key may make: at <see cref="Limit"/> it is locked for
/// <see cref="FirstLockout"/>, each attempt after that doubles the lock up to <see cref="MaxLockout"/>,
/// and its count is forgotten after a quiet <see cref="Window"/>.
/// </summary>
public sealed record ThrottleRule(int Limit, TimeSpan Window, TimeSpan FirstLockout, TimeSpan MaxLockout)
{
    /// <summary>FirstLockout · 2^<paramref name="step"/>, at most MaxLockout.</summary>
    public TimeSpan Lockout(int step)
    {
        var lockout = FirstLockout;
        for (var i = 0; i < step && lockout < MaxLockout; i++)
            lockout += lockout;
        return lockout < MaxLockout ? lockout : MaxLockout;
    }

    /// <summary>The times of a throttle's settings under <paramref name="section"/> that would lock nobody.</summary>
    public static IEnumerable<string> Problems(string section, TimeSpan window, TimeSpan firstLockout, TimeSpan maxLockout)
    {
        foreach (var problem in SettingRules.Positive(section, nameof(Window), window).Concat(SettingRules.Positive(section, nameof(FirstLockout), firstLockout)))
            yield return problem;
        if (maxLockout < firstLockout)
            yield return $"{SettingRules.Name(section, nameof(MaxLockout))} is {maxLockout}; it must be at least FirstLockout ({firstLockout}).";
    }
}
