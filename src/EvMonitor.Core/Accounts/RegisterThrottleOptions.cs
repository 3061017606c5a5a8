using EvMonitor.Settings;
using EvMonitor.Throttling;

namespace EvMonitor.Accounts;

/// <summary>
/// How many registrations one client address may attempt before <c>429 TOO_MANY_ATTEMPTS</c>, set
/// under <c>EvMonitor:RegisterThrottle</c> (app setting <c>EvMonitor__RegisterThrottle__AddressAttempts</c>, …).
/// Every valid registration counts, successful or not: each one costs a password hash.
/// </summary>
public sealed record RegisterThrottleOptions : ISettings
{
    public static string Section => "EvMonitor:RegisterThrottle";

    /// <summary>Registrations from one client address before it is locked; a household or an office shares one.</summary>
    public int AddressAttempts { get; init; } = 10;

    /// <summary>An address's count is forgotten once this much time has passed since its last attempt or the end of its lock.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The lock after the attempt that reaches the limit; each further attempt doubles it.</summary>
    public TimeSpan FirstLockout { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan MaxLockout { get; init; } = TimeSpan.FromHours(1);

    public ThrottleRule AddressRule => new(AddressAttempts, Window, FirstLockout, MaxLockout);

    /// <summary>Limits that would refuse everyone or lock nobody.</summary>
    public IEnumerable<string> Problems() =>
        SettingRules.AtLeast(Section, nameof(AddressAttempts), AddressAttempts, 1)
            .Concat(ThrottleRule.Problems(Section, Window, FirstLockout, MaxLockout));
}
