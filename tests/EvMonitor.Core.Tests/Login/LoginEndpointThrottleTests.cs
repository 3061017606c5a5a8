using System.Text;
using Azure;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.Login;
using EvMonitor.Storage;
using EvMonitor.Throttling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace EvMonitor.Core.Tests.Login;

public sealed class LoginEndpointThrottleTests
{
    private const string Email = "rider@example.com";
    private const string Password = "correct-horse-battery";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly Mock<IUserStore> _users = new();
    private readonly LoginEndpoint _endpoint;

    public LoginEndpointThrottleTests()
    {
        var hasher = new PasswordHasher(iterations: 1000);
        var user = new User("u1", Email, hasher.Hash(Password), null, _clock.GetUtcNow());
        _users.Setup(u => u.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string email, CancellationToken _) => email.Trim().Equals(Email, StringComparison.OrdinalIgnoreCase) ? user : null);
        var throttle = new LoginThrottle(new AttemptCounter(new InMemoryLoginThrottleStore(), _clock, NullLogger<AttemptCounter>.Instance), new LoginThrottleOptions());
        _endpoint = new LoginEndpoint(_users.Object, hasher, new Authenticator(Mock.Of<ITokenStore>(), _clock), throttle);
    }

    private Task<ApiResult> LoginAsync(string email, string password, string address = "203.0.113.7") =>
        _endpoint.HandleAsync(new ApiRequest("POST", "application/x-www-form-urlencoded",
            Encoding.UTF8.GetBytes($"username={Uri.EscapeDataString(email)}&password={Uri.EscapeDataString(password)}"),
            ClientAddress: address));

    [Fact]
    public async Task TheSixthLoginAfterFiveWrongPasswordsIsRefusedWith429AndRetryAfter()
    {
        for (var i = 0; i < 5; i++)
            Assert.Equal(ErrorCodes.InvalidCredentials, (await LoginAsync(Email, "wrong-password")).Code);

        var answer = await LoginAsync(Email, Password);

        Assert.Equal(429, answer.Status);
        Assert.Equal("ERROR", answer.Success);
        Assert.Equal(ErrorCodes.TooManyAttempts, answer.Code);
        Assert.Equal(TimeSpan.FromMinutes(1), answer.RetryAfter);
        Assert.Contains("60 seconds", (string)answer.Json()["error"]!);
    }

    [Fact]
    public async Task AThrottledLoginDoesNotLookUpTheUserNorHashThePassword()
    {
        for (var i = 0; i < 5; i++)
            await LoginAsync(Email, "wrong-password");
        _users.Invocations.Clear();

        await LoginAsync(Email, Password);

        _users.Verify(u => u.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AnUnknownEmailIsThrottledExactlyLikeAKnownOne()
    {
        var known = new List<(int, string?)>();
        var unknown = new List<(int, string?)>();
        for (var i = 0; i < 7; i++)
        {
            var a = await LoginAsync(Email, "wrong-password", "203.0.113.7");
            known.Add((a.Status, a.Code));
            var b = await LoginAsync("nobody@example.com", "wrong-password", "198.51.100.1");
            unknown.Add((b.Status, b.Code));
        }

        Assert.Equal(known, unknown);
        Assert.Equal((429, ErrorCodes.TooManyAttempts), known[^1]);
    }

    [Fact]
    public async Task ALoginAfterTheLockEndsWorksAndClearsTheCount()
    {
        for (var i = 0; i < 5; i++)
            await LoginAsync(Email, "wrong-password");
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(200, (await LoginAsync(Email, Password)).Status);
        for (var i = 0; i < 4; i++)
            Assert.Equal(401, (await LoginAsync(Email, "wrong-password")).Status);
        Assert.Equal(200, (await LoginAsync(Email, Password)).Status);
    }

    [Fact]
    public async Task AStorageOutageWhileCountingAFailureAnswers503()
    {
        // Answering 401 uncounted would let guesses through for as long as the outage lasts.
        var store = new Mock<ILoginThrottleStore>();
        store.Setup(s => s.TryWriteAsync(It.IsAny<string>(), It.IsAny<LoginThrottleState>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "Server busy"));
        var hasher = new PasswordHasher(iterations: 1000);
        var endpoint = new LoginEndpoint(_users.Object, hasher, new Authenticator(Mock.Of<ITokenStore>(), _clock),
            new LoginThrottle(new AttemptCounter(store.Object, _clock, NullLogger<AttemptCounter>.Instance), new LoginThrottleOptions()));
        var request = new ApiRequest("POST", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("username=rider%40example.com&password=wrong"));

        var answer = await new ApiPipeline(TestMetrics.New(), NullLogger<ApiPipeline>.Instance).RunAsync(endpoint, request);

        Assert.Equal(503, answer.Status);
        Assert.Equal(ErrorCodes.StorageUnavailable, answer.Code);
    }

    [Fact]
    public async Task AnInvalidRequestIsNotCountedAsAFailure()
    {
        for (var i = 0; i < 10; i++)
            Assert.Equal(400, (await LoginAsync(Email, "")).Status);

        Assert.Equal(200, (await LoginAsync(Email, Password)).Status);
    }
}
