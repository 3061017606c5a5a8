using EvMonitor.Settings;
using EvMonitor.Throttling;

namespace EvMonitor.Login;

/// <summary>
/// How many failed logins are tolerated before <c>429 TOO_MANY_ATTEMPTS</c>, set under
/// <c>EvMonitor:LoginThrottle</c> (app setting <c>EvMonitor__LoginThrottle__AccountFailures</c>, …).
/// </summary>
public sealed record LoginThrottleOptions : ISettings
{
    public static string Section => "EvMonitor:LoginThrottle";

    /// <summary>Failures for one e-mail address (whether or not it has an account) before it is locked.</summary>
    public int AccountFailures { get; init; } = 5;

    /// <summary>Failures from one client address before it is locked: higher, since a household or office shares one.</summary>
    public int AddressFailures { get; init; } = 20;

    /// <summary>A key's failures are forgotten once this much time has passed since its last failure or the end of its lock.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The lock after the failure that reaches the limit; each further failure doubles it.</summary>
    public TimeSpan FirstLockout { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxLockout { get; init; } = TimeSpan.FromMinutes(15);

    public ThrottleRule AccountRule => new(AccountFailures, Window, FirstLockout, MaxLockout);

    public ThrottleRule AddressRule => new(AddressFailures, Window, FirstLockout, MaxLockout);

    /// <summary>Limits that would refuse everyone or lock nobody.</summary>
    public IEnumerable<string> Problems() =>
        SettingRules.AtLeast(Section, nameof(AccountFailures), AccountFailures, 1)
            .Concat(SettingRules.AtLeast(Section, nameof(AddressFailures), AddressFailures, 1))
            .Concat(ThrottleRule.Problems(Section, Window, FirstLockout, MaxLockout));
}
