using EvMonitor.Api;
using EvMonitor.Throttling;

namespace EvMonitor.Accounts;

/// <summary>
/// <c>POST /api/register</c>: a new account from an e-mail address and a password; no token needed.
/// Throttled per client address (<see cref="RegisterThrottleOptions"/>): each valid registration is
/// counted before its password is hashed.
/// </summary>
public sealed class RegisterEndpoint(AccountService accounts, AttemptCounter counter, RegisterThrottleOptions throttle) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, failure) = await RequestFields.ReadAsync(request);
        if (failure is not null)
            return failure;
        var registration = await accounts.CreateUserAsync(fields!["username"], fields["password"], fields["name"],
            admit: token => AdmitAsync(request.ClientAddress, token), cancellationToken);
        return ToResult(registration);
    }

    /// <summary>The answer to a registration, from the API or the operator CLI.</summary>
    public static ApiResult ToResult(Registration registration) => registration.Outcome switch
    {
        RegistrationOutcome.Created => ApiResult.Ok(new RegisterAnswer(registration.User!.UserId)),
        RegistrationOutcome.Invalid => ApiResult.Invalid(registration.Errors),
        RegistrationOutcome.Throttled => Refusals.TooManyAttempts(registration.RetryAfter, "registrations from this address"),
        _ => ApiResult.Error(409, ErrorCodes.EmailTaken,
            $"An account with the e-mail '{registration.Email}' exists already; log in, or register with another address."),
    };

    /// <summary>Null to go on, or the wait. A request without a client address is not throttled: there is nothing to count it by.</summary>
    private async Task<TimeSpan?> AdmitAsync(string? clientAddress, CancellationToken cancellationToken)
    {
        if (clientAddress is null)
            return null;
        var reservation = await counter.ReserveAsync(AddressKey(clientAddress), throttle.AddressRule, cancellationToken);
        return reservation.RetryAfter;
    }

    public static string AddressKey(string clientAddress) => ThrottleKeys.ClientAddress("register-", clientAddress);
}
