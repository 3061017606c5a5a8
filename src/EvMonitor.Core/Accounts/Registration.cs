using EvMonitor.Api;
using EvMonitor.Domain;

namespace EvMonitor.Accounts;

public enum RegistrationOutcome
{
    Created,

    /// <summary>See <see cref="Registration.Errors"/>.</summary>
    Invalid,

    /// <summary>The caller's admission check refused it; see <see cref="Registration.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>An account has <see cref="Registration.Email"/> already.</summary>
    EmailTaken,
}

/// <summary>What <see cref="AccountService.CreateUserAsync"/> did.</summary>
public sealed record Registration(RegistrationOutcome Outcome)
{
    public User? User { get; init; }
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>The address as it would have been stored (trimmed, its domain in lower case).</summary>
    public string? Email { get; init; }

    public TimeSpan RetryAfter { get; init; }
}
