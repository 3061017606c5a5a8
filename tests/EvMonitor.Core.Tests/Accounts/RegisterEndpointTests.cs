using EvMonitor.Accounts;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Domain;
using EvMonitor.Storage;
using Moq;
using static EvMonitor.Core.Tests.Support.Requests;

namespace EvMonitor.Core.Tests.Accounts;

public sealed class RegisterEndpointTests
{
    private readonly Mock<IUserStore> _users = new();
    private readonly RegisterEndpoint _endpoint;

    public RegisterEndpointTests()
    {
        var accounts = new AccountService(_users.Object, Mock.Of<IVehicleStore>(), Mock.Of<ICatalogStore>(), new PasswordHasher(iterations: 1), TimeProvider.System);
        _endpoint = new RegisterEndpoint(accounts);
    }

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
        Assert.Equal(stored.UserId, (string?)result.Body["user_id"]);
        Assert.Equal("ann@example.com", stored.Email);
        Assert.Equal("Ann", stored.Name);
        Assert.DoesNotContain("long-enough", stored.PasswordHash);
    }

    [Fact]
    public async Task ReturnsConflictWithEmailTakenGivenAnExistingEmail()
    {
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await _endpoint.HandleAsync(Form(("username", "ann@example.com"), ("password", "long-enough")));

        Assert.Equal(409, result.Status);
        Assert.Equal(ErrorCodes.EmailTaken, result.Code);
    }

    [Fact]
    public async Task ReturnsBadRequestNamingPasswordGivenAShortPassword()
    {
        var result = await _endpoint.HandleAsync(Form(("username", "ann@example.com"), ("password", new string('x', AccountService.MinPasswordLength - 1))));

        Assert.Equal(400, result.Status);
        var error = Assert.Single(result.Body["errors"]!.AsArray());
        Assert.Equal("password", (string?)error!["field"]);
        Assert.Contains($"at least {AccountService.MinPasswordLength}", (string?)error["error"]);
        _users.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ListsEveryProblemGivenNoEmailAndNoPassword()
    {
        var result = await _endpoint.HandleAsync(Form(("username", "not-an-address")));

        Assert.Equal(400, result.Status);
        Assert.Equal(["username", "password"], result.Body["errors"]!.AsArray().Select(e => (string?)e!["field"]));
        _users.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsBadRequestNamingUsernameGivenAnAddressTooLongToBeAKeyOnceEncoded()
    {
        // 200 accented characters: a valid address of 211 characters, but over 1,000 once percent-encoded.
        var result = await _endpoint.HandleAsync(Form(("username", new string('é', 200) + "@example.com"), ("password", "long-enough-password")));

        Assert.Equal(400, result.Status);
        var error = Assert.Single(result.Body["errors"]!.AsArray());
        Assert.Equal("username", (string?)error!["field"]);
        Assert.Contains("encoded", (string?)error["error"]);
        _users.VerifyNoOtherCalls();
    }
}
