using System.Net;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Login;

namespace EvMonitor.IntegrationTests;

[Collection(AzuriteCollection.Name)]
public sealed class LoginThrottleTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private Task<WireCalls.Answer> LoginAsync(string email, string password) =>
        _service.Client.PostFormAsync("login", ("username", email), ("password", password));

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountWith429AndRetryAfterEvenForTheRightPassword()
    {
        var account = await _service.CreateAccountAsync();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await LoginAsync(account.Email, "not-the-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Equal("INVALID_CREDENTIALS", wrong.Code);
        }

        var answer = await LoginAsync(account.Email, account.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.Equal("ERROR", answer.Success);
        Assert.Equal("TOO_MANY_ATTEMPTS", answer.Code);
        var retryAfter = answer.Response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task ASuccessfulLoginClearsTheFailuresBeforeTheLimit()
    {
        var account = await _service.CreateAccountAsync();
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(account.Email, "not-the-password")).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(account.Email, account.Password)).Status);

        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(account.Email, "not-the-password")).Status);

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(account.Email, account.Password)).Status);
    }

    [Fact]
    public async Task AnEmailWithoutAnAccountIsLockedAfterTheSameFiveFailures()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            answers.Add((await LoginAsync($"nobody-{_service.Storage.Names.Prefix}@example.com", "not-the-password")).Status);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task TheLockIsKeptInTheLoginThrottleTableUnderAHashedKey()
    {
        var account = await _service.CreateAccountAsync();
        for (var i = 0; i < 5; i++)
            await LoginAsync(account.Email, "not-the-password");

        var table = _service.Storage.Table(_service.Storage.Names.LoginThrottle);
        var row = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(LoginThrottle.AccountKey(account.Email), "")).Value;

        Assert.Equal(5, row.GetInt32("Failures"));
        Assert.True(row.GetDateTimeOffset("LockedUntil") > DateTimeOffset.UtcNow);
        Assert.DoesNotContain(account.Email, row.PartitionKey);
    }
}
