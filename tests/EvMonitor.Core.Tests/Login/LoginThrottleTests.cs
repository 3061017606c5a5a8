using EvMonitor.Core.Tests.Support;
using EvMonitor.Login;
using EvMonitor.Storage;
using EvMonitor.Throttling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace EvMonitor.Core.Tests.Login;

public sealed class LoginThrottleTests
{
    private const string Email = "rider@example.com";
    private const string Address = "203.0.113.7";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryLoginThrottleStore _store = new();
    private readonly LoginThrottle _throttle;

    public LoginThrottleTests() => _throttle = new LoginThrottle(new AttemptCounter(_store, _clock, NullLogger<AttemptCounter>.Instance), new LoginThrottleOptions());

    /// <summary>Logins that get past the throttle (each counted) and then fail.</summary>
    private async Task FailAsync(string email = Email, string? address = Address, int times = 1)
    {
        for (var i = 0; i < times; i++)
            Assert.Null((await _throttle.ReserveAsync(email, address)).RetryAfter);
    }

    /// <summary>The wait a refused login is told; a refused login is not counted.</summary>
    private async Task<TimeSpan> RefusedAsync(string email = Email, string? address = Address) =>
        (await _throttle.ReserveAsync(email, address)).RetryAfter ?? throw new Xunit.Sdk.XunitException("The login was let through.");

    [Fact]
    public async Task LetsFiveLoginsThroughAndRefusesTheSixthForAMinute()
    {
        await FailAsync(times: 5);

        Assert.Equal(TimeSpan.FromMinutes(1), await RefusedAsync());
        Assert.Equal(TimeSpan.FromMinutes(1), await RefusedAsync(address: "198.51.100.1"));
    }

    [Fact]
    public async Task RetryAfterCountsDownAndTheLockEnds()
    {
        await FailAsync(times: 5);
        _clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(TimeSpan.FromSeconds(15), await RefusedAsync());

        _clock.Advance(TimeSpan.FromSeconds(15));

        await FailAsync();
    }

    [Fact]
    public async Task EachFailureAfterTheLimitDoublesTheLockUpToFifteenMinutes()
    {
        await FailAsync(times: 5);
        var locks = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            var wait = await RefusedAsync();
            locks.Add(wait);
            _clock.Advance(wait);
            await FailAsync();
        }

        Assert.Equal([1, 2, 4, 8, 15, 15], locks.Select(l => l.TotalMinutes));
    }

    [Fact]
    public async Task FailuresAreForgottenAfterFifteenQuietMinutes()
    {
        await FailAsync(times: 4);
        _clock.Advance(TimeSpan.FromMinutes(15));

        await FailAsync(times: 5);

        Assert.Equal(TimeSpan.FromMinutes(1), await RefusedAsync());
    }

    [Fact]
    public async Task AnExpiredLockStartsTheCountAfreshOnlyAfterAQuietWindow()
    {
        await FailAsync(times: 5);
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromMinutes(15));

        await FailAsync(times: 5);
    }

    [Fact]
    public async Task TheEmailIsComparedAsLoginComparesIt()
    {
        await FailAsync("Rider@Example.com", times: 3);
        await FailAsync(" rider@EXAMPLE.com ", times: 2);

        await RefusedAsync(Email);
    }

    [Fact]
    public async Task ASuccessClearsTheAccountsFailuresAndLiftsTheLockItsOwnAttemptSet()
    {
        await FailAsync(times: 4);
        await _throttle.RecordSuccessAsync(await _throttle.ReserveAsync(Email, Address));

        await FailAsync(times: 5);

        await RefusedAsync();
    }

    [Fact]
    public async Task ASuccessDoesNotClearTheClientAddresssFailures()
    {
        for (var i = 0; i < 19; i++)
            await FailAsync($"guess{i}@example.com");
        // The 20th login from the address succeeds: it is taken back, the 19 before are kept.
        await _throttle.RecordSuccessAsync(await _throttle.ReserveAsync(Email, Address));
        Assert.Equal(19, _store[LoginThrottle.AddressKey(Address)]!.Failures);

        await FailAsync("one-more@example.com");

        Assert.Equal(TimeSpan.FromMinutes(1), await RefusedAsync("anyone@example.com"));
    }

    [Fact]
    public async Task TwentyFailuresFromOneAddressLockItForEveryAccount()
    {
        for (var i = 0; i < 20; i++)
            await FailAsync($"guess{i}@example.com");

        Assert.Equal(TimeSpan.FromMinutes(1), await RefusedAsync("anyone@example.com"));
        await FailAsync("anyone@example.com", "198.51.100.1");
    }

    [Fact]
    public async Task ALoginRefusedForItsAddressIsNotCountedAgainstTheAccount()
    {
        for (var i = 0; i < 20; i++)
            await FailAsync($"guess{i}@example.com");

        for (var i = 0; i < 10; i++)
            await RefusedAsync();

        Assert.Equal(0, _store[LoginThrottle.AccountKey(Email)]!.Failures);
    }

    [Fact]
    public async Task AnIpv6ClientIsCountedByItsSlash64()
    {
        for (var i = 0; i < 20; i++)
            await FailAsync($"guess{i}@example.com", $"2001:db8:1:2::{i + 1:x}");

        await RefusedAsync("anyone@example.com", "2001:db8:1:2:ffff:ffff:ffff:ffff");
        await FailAsync("anyone@example.com", "2001:db8:1:3::1");
    }

    [Fact]
    public void AnIpv4MappedAddressCountsAsTheIpv4Address() =>
        Assert.Equal(LoginThrottle.AddressKey("203.0.113.7"), LoginThrottle.AddressKey("::ffff:203.0.113.7"));

    [Fact]
    public async Task WithoutAClientAddressOnlyTheAccountIsCounted()
    {
        await FailAsync(address: null, times: 5);

        await RefusedAsync(address: null);
        Assert.Null(_store[LoginThrottle.AddressKey(Address)]);
    }

    [Fact]
    public async Task StoredKeysAreHashesNotTheTypedEmail()
    {
        await FailAsync();

        var key = LoginThrottle.AccountKey(Email);
        Assert.NotNull(_store[key]);
        Assert.DoesNotContain("rider", key);
        Assert.Matches("^account-[0-9a-f]{64}$", key);
    }

    [Fact]
    public async Task ALoginCountedByAnotherInstanceMeanwhileIsKeptAndThisOneAdded()
    {
        await FailAsync(times: 3);
        var key = LoginThrottle.AccountKey(Email);
        _store.BeforeWrite = k =>
        {
            if (k != key)
                return;
            _store.BeforeWrite = null;
            _store.Put(key, _store[key]! with { Failures = 4 });
        };

        await FailAsync();

        Assert.Equal(5, _store[key]!.Failures);
        await RefusedAsync();
    }

    [Fact]
    public async Task ALoginThatKeepsLosingTheRaceIsRefusedNotLetThroughUncounted()
    {
        var store = new Mock<ILoginThrottleStore>();
        store.Setup(s => s.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new LoginThrottleState(2, _clock.GetUtcNow(), DateTimeOffset.MinValue, "\"1\""));
        store.Setup(s => s.TryWriteAsync(It.IsAny<string>(), It.IsAny<LoginThrottleState>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var throttle = new LoginThrottle(new AttemptCounter(store.Object, _clock, NullLogger<AttemptCounter>.Instance), new LoginThrottleOptions());

        var check = await throttle.ReserveAsync(Email, Address);

        Assert.Equal(AttemptCounter.ContendedRetryAfter, check.RetryAfter);
        store.Verify(s => s.TryWriteAsync(LoginThrottle.AccountKey(Email), It.IsAny<LoginThrottleState>(), It.IsAny<CancellationToken>()), Times.Exactly(AttemptCounter.MaxWriteAttempts));
        store.Verify(s => s.TryWriteAsync(LoginThrottle.AddressKey(Address), It.IsAny<LoginThrottleState>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void LimitsAreReadFromSettings()
    {
        var options = BoundSettings.Bind<LoginThrottleOptions>(
            ("EvMonitor:LoginThrottle:AccountFailures", "3"),
            ("EvMonitor:LoginThrottle:AddressFailures", "50"),
            ("EvMonitor:LoginThrottle:Window", "01:00:00"),
            ("EvMonitor:LoginThrottle:FirstLockout", "00:00:30"),
            ("EvMonitor:LoginThrottle:MaxLockout", "00:30:00"));

        Assert.Equal(new LoginThrottleOptions
        {
            AccountFailures = 3,
            AddressFailures = 50,
            Window = TimeSpan.FromHours(1),
            FirstLockout = TimeSpan.FromSeconds(30),
            MaxLockout = TimeSpan.FromMinutes(30),
        }, options);
    }

    [Fact]
    public void WithoutSettingsTheDefaultsApply()
    {
        var options = BoundSettings.Bind<LoginThrottleOptions>();

        Assert.Equal((5, 20, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15)),
            (options.AccountFailures, options.AddressFailures, options.Window, options.FirstLockout, options.MaxLockout));
    }

    [Fact]
    public void AZeroLimitIsRefusedAtStartUpNamingTheSetting()
    {
        var e = Assert.Throws<OptionsValidationException>(() => BoundSettings.Bind<LoginThrottleOptions>(("EvMonitor:LoginThrottle:AccountFailures", "0")));

        Assert.Contains("EvMonitor:LoginThrottle:AccountFailures (EvMonitor__LoginThrottle__AccountFailures) is 0; it must be at least 1.", e.Message);
    }

    [Fact]
    public void AMaxLockoutShorterThanTheFirstIsRefusedAtStartUp()
    {
        var e = Assert.Throws<OptionsValidationException>(() => BoundSettings.Bind<LoginThrottleOptions>(("EvMonitor:LoginThrottle:MaxLockout", "00:00:10")));

        Assert.Contains("EvMonitor:LoginThrottle:MaxLockout", e.Message);
    }

    [Fact]
    public void AValueThatIsNotANumberIsRefusedAtStartUpNamingTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => BoundSettings.Bind<LoginThrottleOptions>(("EvMonitor:LoginThrottle:AccountFailures", "five")));

        Assert.Contains("EvMonitor:LoginThrottle:AccountFailures", e.Message);
    }
}
