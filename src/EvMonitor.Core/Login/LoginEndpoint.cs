using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;

namespace EvMonitor.Login;

/// <summary><c>POST /api/login</c>: e-mail and password for a 10-minute token.</summary>
public sealed class LoginEndpoint(IUserStore users, PasswordHasher hasher, Authenticator authenticator, LoginThrottle throttle) : IApiEndpoint
{
    public const string WrongCredentials = "Email / Password combination wrong!";

    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, failure) = await RequestFields.ReadAsync(request);
        if (failure is not null)
            return failure;

        var errors = new List<FieldError>();
        var username = RequestFields.Required(fields!, "username", errors, maxLength: 254);
        var password = RequestFields.Required(fields!, "password", errors);
        if (errors.Count > 0)
            return ApiResult.Invalid(errors);

        // Counted before any hashing: a throttled attempt costs no key derivation, and however many
        // arrive at once, no more are checked than the limits allow.
        var check = await throttle.ReserveAsync(username!, request.ClientAddress, cancellationToken);
        if (check.RetryAfter is { } wait)
            return Refusals.TooManyAttempts(wait, "failed logins");

        var user = await users.FindByEmailAsync(username!, cancellationToken);
        // Both failures do the same hashing work and give the same answer.
        if (user is null)
            hasher.VerifyDecoy(password!);
        if (user is null || !hasher.Verify(password!, user.PasswordHash))
            return ApiResult.Error(401, ErrorCodes.InvalidCredentials, WrongCredentials);

        await throttle.RecordSuccessAsync(check, cancellationToken);
        var (token, expiresAt) = await authenticator.IssueAsync(user.UserId, cancellationToken);
        // A user deleted while this login was being checked may have had its tokens revoked before this
        // one was stored: looked up again, it is gone, and so is the token.
        if ((await users.FindByEmailAsync(username!, cancellationToken))?.UserId != user.UserId)
        {
            await authenticator.RevokeAsync(token, cancellationToken);
            return ApiResult.Error(401, ErrorCodes.InvalidCredentials, WrongCredentials);
        }
        return ApiResult.Ok(new LoginAnswer(token, expiresAt.ToUnixTimeSeconds()));
    }
}
