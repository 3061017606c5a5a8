using EvMonitor.Accounts;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Domain;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Storage;
using EvMonitor.Throttling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using static EvMonitor.Core.Tests.Support.Requests;

namespace EvMonitor.Core.Tests.Accounts;

public sealed class RegisterEndpointTests
{
    private const string Address = "203.0.113.7";

    private readonly Mock<IUserStore> _users = new();
    private readonly InMemoryLoginThrottleStore _throttle = new();
    private readonly RegisterEndpoint _endpoint;

    public RegisterEndpointTests()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var accounts = new AccountService(_users.Object, Mock.Of<IVehicleStore>(), Mock.Of<ICatalogStore>(), new PasswordHasher(iterations: 1), clock);
        _endpoint = new RegisterEndpoint(accounts, new AttemptCounter(_throttle, clock, NullLogger<AttemptCounter>.Instance), new RegisterThrottleOptions());
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
    }

    private Task<ApiResult> RegisterFromAsync(string address, string email, string password = "long-enough") =>
        _endpoint.HandleAsync(Form(("username", email), ("password", password)) with { ClientAddress = address });

    [Fact]
    public async Task ReturnsTheNewUserIdAndStoresAHashNotThePassword()
    {
        User? stored = null;
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>()))
            .Callback((User u, CancellationToken _) => stored = u).ReturnsAsync(true);

        var result = await _endpoint.HandleAsync(Form(("username", "ann@example.com"), ("password", "long-enough"), ("name", "Ann")));

        Assert.Equal(200, result.Status);
        Assert.Equal("OK", result.Success);
        Assert.NotNull(stored);
        Assert.Equal(stored.UserId, (string?)result.Json()["user_id"]);
        Assert.Equal("ann@example.com", stored.Email);
        Assert.Equal("Ann", stored.Name);
        Assert.DoesNotContain("long-enough", stored.PasswordHash);
    }

    [Fact]
    public async Task ReturnsConflictWithEmailTakenGivenAnEmailTakenByARegistrationAtTheSameMoment()
    {
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await _endpoint.HandleAsync(Form(("username", "ann@example.com"), ("password", "long-enough")));

        Assert.Equal(409, result.Status);
        Assert.Equal(ErrorCodes.EmailTaken, result.Code);
    }

    [Fact]
    public async Task ReturnsConflictWithoutTryingToAddGivenAnEmailAlreadyTaken()
    {
        _users.Setup(u => u.FindByEmailAsync("ann@example.com", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new User("u1", "ann@example.com", "pbkdf2-sha256$1$AA==$AA==", null, DateTimeOffset.UnixEpoch));

        var result = await _endpoint.HandleAsync(Form(("username", "ann@example.com"), ("password", "long-enough")));

        Assert.Equal(409, result.Status);
        Assert.Equal(ErrorCodes.EmailTaken, result.Code);
        _users.Verify(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task TheEleventhRegistrationFromOneAddressIsRefusedWith429AndRetryAfter()
    {
        for (var i = 0; i < 10; i++)
            Assert.Equal(200, (await RegisterFromAsync(Address, $"rider{i}@example.com")).Status);

        var refused = await RegisterFromAsync(Address, "rider10@example.com");

        Assert.Equal(429, refused.Status);
        Assert.Equal(ErrorCodes.TooManyAttempts, refused.Code);
        Assert.Equal(TimeSpan.FromMinutes(15), refused.RetryAfter);
        Assert.Equal(200, (await RegisterFromAsync("198.51.100.1", "rider10@example.com")).Status);
        _users.Verify(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>()), Times.Exactly(11));
    }

    [Fact]
    public async Task ATakenEmailCountsAgainstTheAddressLikeAFreeOne()
    {
        _users.Setup(u => u.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new User("u1", "ann@example.com", "pbkdf2-sha256$1$AA==$AA==", null, DateTimeOffset.UnixEpoch));
        for (var i = 0; i < 10; i++)
            Assert.Equal(409, (await RegisterFromAsync(Address, "ann@example.com")).Status);

        Assert.Equal(429, (await RegisterFromAsync(Address, "ann@example.com")).Status);
    }

    [Fact]
    public async Task AnInvalidRegistrationIsNotCounted()
    {
        for (var i = 0; i < 20; i++)
            Assert.Equal(400, (await RegisterFromAsync(Address, "ann@example.com", password: "short")).Status);

        Assert.Equal(200, (await RegisterFromAsync(Address, "ann@example.com")).Status);
    }

    [Fact]
    public async Task ReturnsBadRequestNamingPasswordGivenAShortPassword()
    {
        var result = await _endpoint.HandleAsync(Form(("username", "ann@example.com"), ("password", new string('x', AccountService.MinPasswordLength - 1))));

        Assert.Equal(400, result.Status);
        var error = Assert.Single(result.Json()["errors"]!.AsArray());
        Assert.Equal("password", (string?)error!["field"]);
        Assert.Contains($"at least {AccountService.MinPasswordLength}", (string?)error["error"]);
        _users.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ListsEveryProblemGivenNoEmailAndNoPassword()
    {
        var result = await _endpoint.HandleAsync(Form(("username", "not-an-address")));

        Assert.Equal(400, result.Status);
        Assert.Equal(["username", "password"], result.Json()["errors"]!.AsArray().Select(e => (string?)e!["field"]));
        _users.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsBadRequestNamingUsernameGivenAnAddressTooLongToBeAKeyOnceEncoded()
    {
        // 200 accented characters: a valid address of 211 characters, but over 1,000 once percent-encoded.
        var result = await _endpoint.HandleAsync(Form(("username", new string('é', 200) + "@example.com"), ("password", "long-enough-password")));

        Assert.Equal(400, result.Status);
        var error = Assert.Single(result.Json()["errors"]!.AsArray());
        Assert.Equal("username", (string?)error!["field"]);
        Assert.Contains("encoded", (string?)error["error"]);
        _users.VerifyNoOtherCalls();
    }
}
