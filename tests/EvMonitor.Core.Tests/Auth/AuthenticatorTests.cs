using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Domain;
using EvMonitor.Storage;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace EvMonitor.Core.Tests.Auth;

public sealed class AuthenticatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 11, 25, 16, 0, 0, TimeSpan.Zero));
    private readonly Mock<ITokenStore> _store = new();
    private readonly List<SessionToken> _stored = [];
    private readonly Authenticator _authenticator;

    public AuthenticatorTests()
    {
        _store.Setup(s => s.AddAsync(It.IsAny<SessionToken>(), It.IsAny<CancellationToken>()))
            .Callback<SessionToken, CancellationToken>((t, _) => _stored.Add(t))
            .Returns(Task.CompletedTask);
        _store.Setup(s => s.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string hash, CancellationToken _) => _stored.SingleOrDefault(t => t.TokenHash == hash));
        _authenticator = new Authenticator(_store.Object, _clock);
    }

    [Fact]
    public async Task IssuesATokenValidForTenMinutesAndStoresOnlyItsHash()
    {
        var (token, expiresAt) = await _authenticator.IssueAsync("user-1");

        Assert.True(Tokens.IsWellFormed(token));
        Assert.Equal(_clock.GetUtcNow().AddMinutes(10), expiresAt);
        var stored = Assert.Single(_stored);
        Assert.Equal(new SessionToken(Tokens.Hash(token), "user-1", expiresAt), stored);
    }

    [Fact]
    public async Task ReturnsTheUserGivenAValidBodyToken()
    {
        var (token, _) = await _authenticator.IssueAsync("user-1");

        var (userId, rejection) = await _authenticator.AuthenticateAsync(token, null);

        Assert.Null(rejection);
        Assert.Equal("user-1", userId);
    }

    [Fact]
    public async Task UsesTheBearerTokenGivenNoBodyToken()
    {
        var (token, _) = await _authenticator.IssueAsync("user-1");

        Assert.Equal("user-1", (await _authenticator.AuthenticateAsync(null, token)).UserId);
        Assert.Equal("user-1", (await _authenticator.AuthenticateAsync("", token)).UserId);
    }

    [Fact]
    public async Task PrefersTheBodyTokenGivenBoth()
    {
        var (first, _) = await _authenticator.IssueAsync("user-1");
        var (second, _) = await _authenticator.IssueAsync("user-2");

        Assert.Equal("user-1", (await _authenticator.AuthenticateAsync(first, second)).UserId);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("", null)]
    public async Task ReturnsTokenRequiredGivenNoToken(string? bodyToken, string? bearerToken)
    {
        var (userId, rejection) = await _authenticator.AuthenticateAsync(bodyToken, bearerToken);

        Assert.Null(userId);
        Assert.Equal(TokenRejection.Missing, rejection);
        _store.Verify(s => s.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReturnsTokenInvalidGivenAnUnknownToken()
    {
        var (userId, rejection) = await _authenticator.AuthenticateAsync(Tokens.NewToken(), null);

        Assert.Null(userId);
        Assert.Equal(TokenRejection.Invalid, rejection);
        _store.Verify(s => s.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("o7axty6jzequrg5")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    [InlineData("' OR 1=1 --")]
    public async Task ReturnsTokenInvalidWithoutAStorageReadGivenAMalformedToken(string token)
    {
        var (_, rejection) = await _authenticator.AuthenticateAsync(token, null);

        Assert.Equal(TokenRejection.Invalid, rejection);
        _store.Verify(s => s.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AcceptsATokenJustBeforeTenMinutes()
    {
        var (token, _) = await _authenticator.IssueAsync("user-1");
        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));

        var (userId, rejection) = await _authenticator.AuthenticateAsync(token, null);

        Assert.Null(rejection);
        Assert.Equal("user-1", userId);
    }

    [Theory]
    [InlineData(600)]
    [InlineData(3600)]
    public async Task ReturnsTokenExpiredFromTenMinutesOn(int secondsLater)
    {
        var (token, _) = await _authenticator.IssueAsync("user-1");
        _clock.Advance(TimeSpan.FromSeconds(secondsLater));

        var (userId, rejection) = await _authenticator.AuthenticateAsync(token, null);

        Assert.Null(userId);
        Assert.Equal(TokenRejection.Expired, rejection);
    }

    private Authenticator Remembering(TimeSpan keptFor) => new(_store.Object, _clock, keptFor);

    private void VerifyTokenReads(int times) => _store.Verify(s => s.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(times));

    [Fact]
    public async Task ReadsTheTokenOnceForPushesWithinTheTimeItIsKept()
    {
        var authenticator = Remembering(TimeSpan.FromSeconds(60));
        var (token, _) = await authenticator.IssueAsync("user-1");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("user-1", (await authenticator.AuthenticateRememberedAsync(token, null)).UserId);
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        VerifyTokenReads(1);
    }

    [Fact]
    public async Task ReadsTheTokenOnEveryRequestButPushes()
    {
        var authenticator = Remembering(TimeSpan.FromSeconds(60));
        var (token, _) = await authenticator.IssueAsync("user-1");
        await authenticator.AuthenticateRememberedAsync(token, null);

        await authenticator.AuthenticateAsync(token, null);
        await authenticator.AuthenticateAsync(token, null);

        VerifyTokenReads(3);
    }

    [Fact]
    public async Task ReadsTheTokenOnEveryPushGivenNoTimeToKeepIt()
    {
        var authenticator = Remembering(TimeSpan.Zero);
        var (token, _) = await authenticator.IssueAsync("user-1");

        await authenticator.AuthenticateRememberedAsync(token, null);
        await authenticator.AuthenticateRememberedAsync(token, null);

        VerifyTokenReads(2);
    }

    [Fact]
    public async Task RefusesPushesAtOnceAfterALogoutOnTheSameInstance()
    {
        var authenticator = Remembering(TimeSpan.FromSeconds(60));
        var (token, _) = await authenticator.IssueAsync("user-1");
        await authenticator.AuthenticateRememberedAsync(token, null);
        _store.Setup(s => s.DeleteAsync(Tokens.Hash(token), It.IsAny<CancellationToken>()))
            .Callback(() => _stored.Clear()).Returns(Task.CompletedTask);

        await authenticator.RevokeAsync(token);
        var (userId, rejection) = await authenticator.AuthenticateRememberedAsync(token, null);

        Assert.Null(userId);
        Assert.Equal(TokenRejection.Invalid, rejection);
    }

    [Fact]
    public async Task ReadsTheTokenAgainOnceTheTimeItIsKeptHasPassed()
    {
        var authenticator = Remembering(TimeSpan.FromSeconds(60));
        var (token, _) = await authenticator.IssueAsync("user-1");
        await authenticator.AuthenticateRememberedAsync(token, null);
        // Revoked on another instance: this one still has it.
        _stored.Clear();
        Assert.Equal("user-1", (await authenticator.AuthenticateRememberedAsync(token, null)).UserId);

        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(TokenRejection.Invalid, (await authenticator.AuthenticateRememberedAsync(token, null)).Rejection);
    }

    [Fact]
    public async Task AnAppPushingEveryFiveSecondsWaitsForATokenReadOnlyOnItsFirstPush()
    {
        // The test answers every read itself: completing one runs what follows it (keeping the token
        // afresh) before the answer returns, so each background read lands before the next push.
        var reads = new System.Collections.Concurrent.ConcurrentQueue<TaskCompletionSource<SessionToken?>>();
        var readsStarted = 0;
        _store.Setup(s => s.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string hash, CancellationToken _) =>
            {
                var answer = new TaskCompletionSource<SessionToken?>();
                reads.Enqueue(answer);
                Interlocked.Increment(ref readsStarted);
                return answer.Task;
            });
        async Task AnswerNextReadAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            TaskCompletionSource<SessionToken?>? answer;
            while (!reads.TryDequeue(out answer))
                await Task.Delay(5, timeout.Token);
            answer.SetResult(Assert.Single(_stored));
        }
        var authenticator = Remembering(TimeSpan.FromSeconds(60));
        var (token, _) = await authenticator.IssueAsync("user-1");
        var first = authenticator.AuthenticateRememberedAsync(token, null);
        Assert.False(first.IsCompleted, "The first push did not wait for its read.");
        await AnswerNextReadAsync();
        Assert.Equal("user-1", (await first).UserId);

        for (var second = 5; second <= 180; second += 5)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            var push = authenticator.AuthenticateRememberedAsync(token, null);
            Assert.True(push.IsCompleted, $"The push at {second} s waited for a read.");
            Assert.Equal("user-1", (await push).UserId);
            // Kept afresh from each read, a token is read again by the first push in the last quarter of
            // its 60 s: at 45, 90, 135 and 180 s, in the background.
            if (second % 45 == 0)
                await AnswerNextReadAsync();
            Assert.Equal(1 + second / 45, Volatile.Read(ref readsStarted));
        }
    }

    [Fact]
    public async Task SeesATokenRevokedElsewhereByTheReadNearTheEndOfTheTimeItIsKept()
    {
        var authenticator = Remembering(TimeSpan.FromSeconds(60));
        var (token, _) = await authenticator.IssueAsync("user-1");
        await authenticator.AuthenticateRememberedAsync(token, null);
        _stored.Clear(); // revoked on another instance
        _clock.Advance(TimeSpan.FromSeconds(50));

        Assert.Equal("user-1", (await authenticator.AuthenticateRememberedAsync(token, null)).UserId);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while ((await authenticator.AuthenticateRememberedAsync(token, null)).Rejection != TokenRejection.Invalid)
            await Task.Delay(5, timeout.Token);
    }

    [Fact]
    public async Task RefusesAKeptTokenOnceItHasExpired()
    {
        var authenticator = Remembering(TimeSpan.FromMinutes(30));
        var (token, _) = await authenticator.IssueAsync("user-1");
        await authenticator.AuthenticateRememberedAsync(token, null);

        _clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(TokenRejection.Expired, (await authenticator.AuthenticateRememberedAsync(token, null)).Rejection);
    }

    [Fact]
    public async Task NeverKeepsATokenItDidNotFind()
    {
        var authenticator = Remembering(TimeSpan.FromSeconds(60));
        var token = Tokens.NewToken();
        Assert.Equal(TokenRejection.Invalid, (await authenticator.AuthenticateRememberedAsync(token, null)).Rejection);
        _stored.Add(new SessionToken(Tokens.Hash(token), "user-1", _clock.GetUtcNow().AddMinutes(10)));

        Assert.Equal("user-1", (await authenticator.AuthenticateRememberedAsync(token, null)).UserId);
    }
}
