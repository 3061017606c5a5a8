using System.Security.Cryptography;
using System.Text;
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

    /// <summary>The user id behind the request's token (body field, else bearer header), or why there is none.</summary>
    public async Task<(string? UserId, TokenRejection? Rejection)> AuthenticateAsync(string? bodyToken, string? bearerToken, CancellationToken cancellationToken = default)
    {
        var token = string.IsNullOrEmpty(bodyToken) ? bearerToken : bodyToken;
        if (string.IsNullOrEmpty(token))
            return (null, TokenRejection.Missing);
        // A malformed token cannot exist; answering without a storage read keeps junk off the table.
        if (!Tokens.IsWellFormed(token))
            return (null, TokenRejection.Invalid);

        var hash = Tokens.Hash(token);
        var stored = await tokens.FindAsync(hash, cancellationToken);
        if (stored is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.TokenHash), Encoding.ASCII.GetBytes(hash)))
            return (null, TokenRejection.Invalid);
        if (stored.ExpiresAt <= clock.GetUtcNow())
            return (null, TokenRejection.Expired);
        return (stored.UserId, null);
    }
}
