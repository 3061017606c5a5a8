using System.Text.Json.Nodes;
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
        var (user, refused) = await accounts.CreateUserAsync(fields!["username"], fields["password"], fields["name"],
            admit: token => AdmitAsync(request.ClientAddress, token), cancellationToken);
        return refused ?? ApiResult.Ok(new JsonObject { ["user_id"] = user!.UserId });
    }

    /// <summary>Null to go on, or the 429. A request without a client address is not throttled: there is nothing to count it by.</summary>
    private async Task<ApiResult?> AdmitAsync(string? clientAddress, CancellationToken cancellationToken)
    {
        if (clientAddress is null)
            return null;
        var reservation = await counter.ReserveAsync(AddressKey(clientAddress), throttle.AddressRule, cancellationToken);
        return reservation.RetryAfter is { } wait ? AttemptCounter.TooManyAttempts(wait, "registrations from this address") : null;
    }

    public static string AddressKey(string clientAddress) => ThrottleKeys.ClientAddress("register-", clientAddress);
}
