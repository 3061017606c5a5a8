using System.Text;
using EvMonitor.Accounts;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Domain;
using EvMonitor.Storage;
using Moq;

namespace EvMonitor.Core.Tests.Accounts;

/// <summary>What names and addresses may hold, and the form an address is kept in.</summary>
public sealed class AccountServiceTextTests
{
    private readonly Mock<IUserStore> _users = new();
    private readonly AccountService _accounts;

    public AccountServiceTextTests()
    {
        _accounts = new AccountService(_users.Object, Mock.Of<IVehicleStore>(), Mock.Of<ICatalogStore>(), new PasswordHasher(iterations: 1), TimeProvider.System);
    }

    private static FieldError SingleError(ApiResult? failure)
    {
        Assert.NotNull(failure);
        Assert.Equal(400, failure.Status);
        var error = Assert.Single(failure.Body["errors"]!.AsArray());
        return new FieldError((string)error!["field"]!, (string)error["error"]!);
    }

    [Theory]
    [InlineData("Ann\nSmith")]
    [InlineData("Ann\u0000")]
    [InlineData("Ann\u2028Smith")]
    [InlineData("Ann\ufdd0")]
    public async Task ANameWithAControlCharacterIsRefusedNamingTheField(string name)
    {
        var (_, failure) = await _accounts.CreateUserAsync("ann@example.com", "long-enough", name);

        Assert.Equal(new FieldError("name", TextRules.ControlCharacterError), SingleError(failure));
        _users.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("The\tRocket")]
    [InlineData("The\u007fRocket")]
    [InlineData("The\u2029Rocket")]
    [InlineData("The Rocket\uffff")]
    public void ANicknameWithAControlCharacterIsRefusedNamingTheField(string nickname)
    {
        var errors = new List<FieldError>();

        Assert.Null(AccountService.ReadNickname(nickname, errors));
        Assert.Equal([new FieldError("nickname", TextRules.ControlCharacterError)], errors);
    }

    [Fact]
    public void ANicknameIsTrimmedBeforeItIsChecked()
    {
        var errors = new List<FieldError>();

        Assert.Equal("The Rocket", AccountService.ReadNickname("\tThe Rocket\n", errors));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnAddressIsStoredInNormalizationFormKCKeepingItsCase()
    {
        User? stored = null;
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>()))
            .Callback((User u, CancellationToken _) => stored = u).ReturnsAsync(true);

        var (_, failure) = await _accounts.CreateUserAsync("Jose\u0301\uff20Example.com", "long-enough", null);

        Assert.Null(failure);
        Assert.Equal("Jos\u00e9@Example.com", stored!.Email);
    }

    [Fact]
    public async Task AnAddressThatIsNotValidUnicodeIsRefusedNamingUsername()
    {
        var (_, failure) = await _accounts.CreateUserAsync("ann\ud800@example.com", "long-enough", null);

        Assert.Equal("username", SingleError(failure).Field);
        _users.VerifyNoOtherCalls();
    }
}
