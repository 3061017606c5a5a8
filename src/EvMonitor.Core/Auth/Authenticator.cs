using System.Security.Cryptography;
using System.Text;
using EvMonitor.Api;
using EvMonitor.Domain;
using EvMonitor.Storage;

namespace EvMonitor.Auth;

/// <summary>Issues session tokens and turns a presented token back into its user.</summary>
public sealed class Authenticator(ITokenStore tokens, TimeProvider clock)
{
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string userId, CancellationToken cancellationToken = default)
    {
        var token = Tokens.NewToken();
        var expiresAt = clock.GetUtcNow() + Tokens.Lifetime;
        await tokens.AddAsync(new SessionToken(Tokens.Hash(token), userId, expiresAt), cancellationToken);
        return (token, expiresAt);
    }

    /// <summary>The token no longer works, on any instance.</summary>
    public Task RevokeAsync(string token, CancellationToken cancellationToken = default) => tokens.DeleteAsync(Tokens.Hash(token), cancellationToken);

    /// <summary>The user id behind the request's token (body field, else bearer header), or the 401 to answer.</summary>
    public async Task<(string? UserId, ApiResult? Failure)> AuthenticateAsync(string? bodyToken, string? bearerToken, CancellationToken cancellationToken = default)
    {
        var token = string.IsNullOrEmpty(bodyToken) ? bearerToken : bodyToken;
        if (string.IsNullOrEmpty(token))
            return (null, ApiResult.Error(401, ErrorCodes.TokenRequired, "A token is required: log in first and send the token it returns."));
        var invalid = ApiResult.Error(401, ErrorCodes.TokenInvalid, "The token is not valid. Log in again to get a new one.");
        // A malformed token cannot exist; answering without a storage read keeps junk off the table.
        if (!Tokens.IsWellFormed(token))
            return (null, invalid);

        var hash = Tokens.Hash(token);
        var stored = await tokens.FindAsync(hash, cancellationToken);
        if (stored is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.TokenHash), Encoding.ASCII.GetBytes(hash)))
            return (null, invalid);
        if (stored.ExpiresAt <= clock.GetUtcNow())
            return (null, ApiResult.Error(401, ErrorCodes.TokenExpired, "The token has expired (tokens are valid for 10 minutes). Log in again to get a new one."));
        return (stored.UserId, null);
    }
}
