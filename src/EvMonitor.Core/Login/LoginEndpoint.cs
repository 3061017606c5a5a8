using System.Globalization;
using System.Text.Json.Nodes;
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

        // Before any hashing: a throttled attempt costs no key derivation.
        var check = await throttle.CheckAsync(username!, request.ClientAddress, cancellationToken);
        if (check.RetryAfter is { } wait)
        {
            var seconds = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return ApiResult.Error(429, ErrorCodes.TooManyAttempts, $"Too many failed logins. Try again in {seconds} seconds.", retryAfter: wait);
        }

        var user = await users.FindByEmailAsync(username!, cancellationToken);
        // Both failures do the same hashing work and give the same answer.
        if (user is null)
            hasher.VerifyDecoy(password!);
        if (user is null || !hasher.Verify(password!, user.PasswordHash))
        {
            await throttle.RecordFailureAsync(check, cancellationToken);
            return ApiResult.Error(401, ErrorCodes.InvalidCredentials, WrongCredentials);
        }

        await throttle.RecordSuccessAsync(check, cancellationToken);
        var (token, expiresAt) = await authenticator.IssueAsync(user.UserId, cancellationToken);
        return ApiResult.Ok(new JsonObject { ["token"] = token, ["expires"] = expiresAt.ToUnixTimeSeconds() });
    }
}
