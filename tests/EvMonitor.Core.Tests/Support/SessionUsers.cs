using EvMonitor.Auth;
using EvMonitor.Domain;
using Moq;

namespace EvMonitor.Core.Tests.Support;

/// <summary>More signed-in users on one <see cref="Session"/>: an owner and a stranger, say.</summary>
public static class SessionUsers
{
    /// <summary>A fresh token that authenticates as <paramref name="userId"/> on the session's clock.</summary>
    public static string TokenFor(this Session session, string userId)
    {
        var token = Tokens.NewToken();
        var hash = Tokens.Hash(token);
        session.TokenStore.Setup(s => s.FindAsync(hash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SessionToken(hash, userId, session.Clock.GetUtcNow() + Tokens.Lifetime));
        return token;
    }
}
