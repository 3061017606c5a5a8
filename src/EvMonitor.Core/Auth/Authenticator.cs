using System.Security.Cryptography;
using System.Text;
using EvMonitor.Domain;
using EvMonitor.Storage;

namespace EvMonitor.Auth;

/// <summary>Issues session tokens and turns a presented token back into its user.</summary>
/// <param name="pushTokenKeptFor">How long <see cref="AuthenticateRememberedAsync"/> keeps a token it found (<c>EvMonitor__PushTokenMemorySeconds</c>); zero keeps none.</param>
public sealed class Authenticator(ITokenStore tokens, TimeProvider clock, TimeSpan pushTokenKeptFor = default)
{
    /// <summary>Token hash to the token found and not expired, for <see cref="AuthenticateRememberedAsync"/>.</summary>
    private readonly ReadAheadMemory<SessionToken> _found = new(pushTokenKeptFor, clock,
        async hash => await FindAsync(tokens, hash, CancellationToken.None) is { } found && found.ExpiresAt > clock.GetUtcNow() ? found : null);

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
        _found.Forget(hash);
        return tokens.DeleteAsync(hash, cancellationToken);
    }

    /// <summary>The user id behind the request's token (body field, else bearer header), or why there is none.</summary>
    public Task<(string? UserId, TokenRejection? Rejection)> AuthenticateAsync(string? bodyToken, string? bearerToken, CancellationToken cancellationToken = default) =>
        AuthenticateAsync(bodyToken, bearerToken, remembered: false, cancellationToken);

    /// <summary>
    /// <see cref="AuthenticateAsync(string?, string?, CancellationToken)"/> for <c>push</c>, which an app
    /// calls every few seconds: a token found is kept for <c>pushTokenKeptFor</c> (never past its own
    /// expiry), so most pushes cost no token read, and one taken near the end of that time is read again
    /// in the background (<see cref="ReadAheadMemory{T}"/>), so an app pushing every few seconds never
    /// waits for a read after its first push. The bound: a token revoked on another instance
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
        var stored = remembered ? _found.Get(hash) : null;
        if (stored is null)
        {
            stored = await FindAsync(tokens, hash, cancellationToken);
            if (stored is null)
                return (null, TokenRejection.Invalid);
            if (remembered && stored.ExpiresAt > clock.GetUtcNow())
                _found.Keep(hash, stored);
        }
        if (stored.ExpiresAt <= clock.GetUtcNow())
            return (null, TokenRejection.Expired);
        return (stored.UserId, null);
    }

    /// <summary>The stored token of that hash, or null.</summary>
    private static async Task<SessionToken?> FindAsync(ITokenStore tokens, string hash, CancellationToken cancellationToken)
    {
        var stored = await tokens.FindAsync(hash, cancellationToken);
        return stored is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.TokenHash), Encoding.ASCII.GetBytes(hash)) ? stored : null;
    }
}
