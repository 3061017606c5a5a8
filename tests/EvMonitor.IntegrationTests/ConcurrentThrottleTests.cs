using System.Net;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// The throttles hold however many attempts arrive at once: sent together over HTTP to the running
/// service, against the throttle table in Azurite. The limits are the defaults (docs/reliability.md):
/// 5 per account and 20 per address for login, 10 per address for register.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConcurrentThrottleTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private Task<WireCalls.Answer> LoginAsync(string email, string password) =>
        _service.Client.PostFormAsync("login", ("username", email), ("password", password));

    private static void AssertRefusedWithRetryAfter(WireCalls.Answer answer)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.Equal("TOO_MANY_ATTEMPTS", answer.Code);
        Assert.NotNull(answer.Response.Headers.RetryAfter?.Delta);
    }

    /// <summary>
    /// Sends wrong passwords one at a time until one is refused; returns how many were checked. An
    /// attempt that lost every race during the burst was refused uncounted (429 with Retry-After: 1),
    /// so the burst may leave the key short of its limit: these fill it up, and the total checked
    /// must then be exactly the limit.
    /// </summary>
    private async Task<int> CheckedUntilRefusedAsync(Func<int, string> email)
    {
        for (var i = 0; ; i++)
        {
            var answer = await LoginAsync(email(i), "not-the-password");
            if (answer.Status != HttpStatusCode.Unauthorized)
            {
                AssertRefusedWithRetryAfter(answer);
                return i;
            }
        }
    }

    [Fact]
    public async Task ThirtyWrongPasswordsAtOnceForOneAccountGetAtMostFive401sAndTheRest429()
    {
        var account = await _service.CreateAccountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => LoginAsync(account.Email, "not-the-password")));

        var checkedOnes = answers.Count(a => a.Status == HttpStatusCode.Unauthorized);
        Assert.InRange(checkedOnes, 1, 5);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Unauthorized), AssertRefusedWithRetryAfter);
        Assert.Equal(5, checkedOnes + await CheckedUntilRefusedAsync(_ => account.Email));
        // The right password is refused too: the account is locked.
        AssertRefusedWithRetryAfter(await LoginAsync(account.Email, account.Password));
    }

    [Fact]
    public async Task ThirtyWrongPasswordsAtOnceForThirtyAccountsFromOneAddressGetAtMost20401s()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => LoginAsync($"guess-{i}-{Guid.NewGuid():N}@example.com", "not-the-password")));

        var checkedOnes = answers.Count(a => a.Status == HttpStatusCode.Unauthorized);
        Assert.InRange(checkedOnes, 1, 20);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Unauthorized), AssertRefusedWithRetryAfter);
        Assert.Equal(20, checkedOnes + await CheckedUntilRefusedAsync(i => $"more-{i}-{Guid.NewGuid():N}@example.com"));
    }

    [Fact]
    public async Task ThirtyRegistrationsAtOnceFromOneAddressCreateAtMostTenAccounts()
    {
        var emails = Enumerable.Range(0, 30).Select(i => $"new-{i}-{Guid.NewGuid():N}@example.com").ToList();

        var answers = await Task.WhenAll(emails.Select(e =>
            _service.Client.PostFormAsync("register", ("username", e), ("password", "correct-horse-battery"))));

        var created = answers.Count(a => a.Status == HttpStatusCode.OK);
        Assert.InRange(created, 1, 10);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), AssertRefusedWithRetryAfter);
        // What was refused was not created.
        var stored = await Task.WhenAll(emails.Select(e => _service.Services.GetRequiredService<IUserStore>().FindByEmailAsync(e)));
        Assert.Equal(created, stored.Count(u => u is not null));
    }
}
