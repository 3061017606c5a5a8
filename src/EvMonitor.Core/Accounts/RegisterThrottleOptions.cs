using EvMonitor.Throttling;
using Microsoft.Extensions.Configuration;

namespace EvMonitor.Accounts;

/// <summary>
/// How many registrations one client address may attempt before <c>429 TOO_MANY_ATTEMPTS</c>, set
/// under <c>EvMonitor:RegisterThrottle</c> (app setting <c>EvMonitor__RegisterThrottle__AddressAttempts</c>, …).
/// Every valid registration counts, successful or not: each one costs a password hash.
/// </summary>
public sealed record RegisterThrottleOptions
{
    public const string Section = "EvMonitor:RegisterThrottle";

    /// <summary>Registrations from one client address before it is locked; a household or an office shares one.</summary>
    public int AddressAttempts { get; init; } = 10;

    /// <summary>An address's count is forgotten once this much time has passed since its last attempt or the end of its lock.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The lock after the attempt that reaches the limit; each further attempt doubles it.</summary>
    public TimeSpan FirstLockout { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan MaxLockout { get; init; } = TimeSpan.FromHours(1);

    public ThrottleRule AddressRule => new(AddressAttempts, Window, FirstLockout, MaxLockout);

    public static RegisterThrottleOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new RegisterThrottleOptions();
        var options = new RegisterThrottleOptions
        {
            AddressAttempts = section.GetValue(nameof(AddressAttempts), defaults.AddressAttempts),
            Window = section.GetValue(nameof(Window), defaults.Window),
            FirstLockout = section.GetValue(nameof(FirstLockout), defaults.FirstLockout),
            MaxLockout = section.GetValue(nameof(MaxLockout), defaults.MaxLockout),
        };
        options.AddressRule.Validate(Section);
        return options;
    }
}
