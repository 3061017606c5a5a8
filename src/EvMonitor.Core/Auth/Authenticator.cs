using System.Security.Cryptography;
using System.Text;
using EvMonitor.Domain;
using EvMonitor.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace EvMonitor.Auth;

/// <summary>Issues session tokens and turns a presented token back into its user.</summary>
/// <param name="pushTokenKeptFor">How long <see cref="AuthenticateRememberedAsync"/> keeps a token it found (<c>EvMonitor__PushTokenMemorySeconds</c>); zero keeps none.</param>
public sealed class Authenticator(ITokenStore tokens, TimeProvider clock, TimeSpan pushTokenKeptFor = default)
{
    /// <summary>A token found, and until when this instance takes it without reading it again (by <c>clock</c>; the cache's own expiry only frees memory).</summary>
    private sealed record Kept(SessionToken Token, DateTimeOffset Until);

    /// <summary>Token hash to the token found, for <see cref="AuthenticateRememberedAsync"/>.</summary>
    private readonly MemoryCache _found = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string userId, CancellationToken cancellationToken = default)
    {
        var token = Tokens.NewToken();
        var expiresAt = clock.GetUtcNow() + Tokens.Lifetime;
        await tokens.AddAsync(new SessionToken(Tokens.Hash(token), userId, expiresAt), cancellationToken);
        return (token, expiresAt);
    }

    /// <summary>The token no longer works, on any instance.</summary>
    public Task RevokeAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = Tokens.Hash(token);
        _found.Remove(hash);
        return tokens.DeleteAsync(hash, cancellationToken);
    }

    /// <summary>The user id behind the request's token (body field, else bearer header), or why there is none.</summary>
    public Task<(string? UserId, TokenRejection? Rejection)> AuthenticateAsync(string? bodyToken, string? bearerToken, CancellationToken cancellationToken = default) =>
        AuthenticateAsync(bodyToken, bearerToken, remembered: false, cancellationToken);

    /// <summary>
    /// <see cref="AuthenticateAsync(string?, string?, CancellationToken)"/> for <c>push</c>, which an app
    /// calls every few seconds: a token found is kept for <c>pushTokenKeptFor</c> (never past its own
    /// expiry), so most pushes cost no token read. The bound: a token revoked on another instance
    /// (a logout there, an operator's user delete) is still taken here, for pushes only, until then;
    /// a logout answered here forgets it at once. Every other endpoint reads the token every time.
    /// A token not found is never kept.
    /// </summary>
    public Task<(string? UserId, TokenRejection? Rejection)> AuthenticateRememberedAsync(string? bodyToken, string? bearerToken, CancellationToken cancellationToken = default) =>
        AuthenticateAsync(bodyToken, bearerToken, remembered: pushTokenKeptFor > TimeSpan.Zero, cancellationToken);

    private async Task<(string? UserId, TokenRejection? Rejection)> AuthenticateAsync(string? bodyToken, string? bearerToken, bool remembered, CancellationToken cancellationToken)
    {
        var token = string.IsNullOrEmpty(bodyToken) ? bearerToken : bodyToken;
        if (string.IsNullOrEmpty(token))
            return (null, TokenRejection.Missing);
        // A malformed token cannot exist; answering without a storage read keeps junk off the table.
        if (!Tokens.IsWellFormed(token))
            return (null, TokenRejection.Invalid);

        var hash = Tokens.Hash(token);
        var now = clock.GetUtcNow();
        SessionToken? stored;
        if (remembered && _found.TryGetValue(hash, out Kept? kept) && kept!.Until > now)
        {
            stored = kept.Token;
        }
        else
        {
            stored = await tokens.FindAsync(hash, cancellationToken);
            if (stored is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.TokenHash), Encoding.ASCII.GetBytes(hash)))
                return (null, TokenRejection.Invalid);
            if (remembered && stored.ExpiresAt > now)
                _found.Set(hash, new Kept(stored, now + pushTokenKeptFor), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = pushTokenKeptFor });
        }
        if (stored.ExpiresAt <= now)
            return (null, TokenRejection.Expired);
        return (stored.UserId, null);
    }
}
