using EvMonitor.Auth;
using EvMonitor.Domain;
using EvMonitor.Login;
using EvMonitor.Storage;
using EvMonitor.Throttling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace EvMonitor.Core.Tests.Support;

/// <summary>A signed-in user as the endpoints see one: a token the mocked store knows, on a fixed clock.</summary>
public sealed class Session
{
    public const string UserId = "aabbcc112233";

    public Session()
    {
        var hash = Tokens.Hash(Token);
        TokenStore.Setup(s => s.FindAsync(hash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SessionToken(hash, UserId, Clock.GetUtcNow() + TimeSpan.FromMinutes(5)));
        Authenticator = new Authenticator(TokenStore.Object, Clock);
        Throttle = new LoginThrottle(new AttemptCounter(ThrottleStore, Clock, NullLogger<AttemptCounter>.Instance), new LoginThrottleOptions());
    }

    public FakeTimeProvider Clock { get; } = new(SeedPush.Now);
    public Mock<ITokenStore> TokenStore { get; } = new();
    public string Token { get; } = Tokens.NewToken();
    public Authenticator Authenticator { get; }

    /// <summary>The login throttle with its default limits, on the same clock.</summary>
    public LoginThrottle Throttle { get; }
    public InMemoryLoginThrottleStore ThrottleStore { get; } = new();
}
