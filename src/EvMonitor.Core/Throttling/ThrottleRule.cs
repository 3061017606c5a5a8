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

    /// <summary>Throws at start-up for limits that would refuse everyone or lock nobody.</summary>
    public void Validate(string section)
    {
        if (Limit < 1 || Window <= TimeSpan.Zero || FirstLockout <= TimeSpan.Zero || MaxLockout < FirstLockout)
        {
            throw new InvalidOperationException(
                $"{section}: the limits must be at least 1, the window and first lockout positive, and MaxLockout at least FirstLockout.");
        }
    }
}
