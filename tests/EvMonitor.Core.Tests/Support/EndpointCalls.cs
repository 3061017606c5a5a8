using System.Net;
using System.Text;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Domain;
using EvMonitor.Storage;
using Moq;

namespace EvMonitor.Core.Tests.Support;

/// <summary>Requests as the HTTP edge hands them to an endpoint, and a token store that knows a few signed-in users.</summary>
public static class EndpointCalls
{
    public static ApiRequest Form(params (string Key, string Value)[] fields) =>
        new("POST", "application/x-www-form-urlencoded",
            Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => WebUtility.UrlEncode(f.Key) + "=" + WebUtility.UrlEncode(f.Value)))));

    public static ApiRequest Json(string json, string? bearerToken = null) =>
        new("POST", "application/json", Encoding.UTF8.GetBytes(json), bearerToken);
}

/// <summary>An <see cref="Authenticator"/> over a mocked token store in which each signed-in user has a valid token.</summary>
public sealed class SignedIn
{
    private readonly Mock<ITokenStore> _tokens = new(MockBehavior.Strict);

    public SignedIn()
    {
        Authenticator = new Authenticator(_tokens.Object, TimeProvider.System);
        _tokens.Setup(t => t.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((SessionToken?)null);
    }

    public Authenticator Authenticator { get; }

    /// <summary>A fresh token that authenticates as <paramref name="userId"/>.</summary>
    public string TokenFor(string userId)
    {
        var token = Tokens.NewToken();
        var hash = Tokens.Hash(token);
        _tokens.Setup(t => t.FindAsync(hash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SessionToken(hash, userId, DateTimeOffset.UtcNow + Tokens.Lifetime));
        return token;
    }
}
