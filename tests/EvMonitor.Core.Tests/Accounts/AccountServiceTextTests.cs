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

    private static FieldError SingleError(Registration registration)
    {
        Assert.Equal(RegistrationOutcome.Invalid, registration.Outcome);
        return Assert.Single(registration.Errors);
    }

    [Theory]
    [InlineData("Ann\nSmith")]
    [InlineData("Ann\u0000")]
    [InlineData("Ann\u2028Smith")]
    [InlineData("Ann\ufdd0")]
    public async Task ANameWithAControlCharacterIsRefusedNamingTheField(string name)
    {
        var registration = await _accounts.CreateUserAsync("ann@example.com", "long-enough", name);

        Assert.Equal(new FieldError("name", TextRules.ControlCharacterError), SingleError(registration));
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

        var registration = await _accounts.CreateUserAsync("Jose\u0301\uff20Example.com", "long-enough", null);

        Assert.Equal(RegistrationOutcome.Created, registration.Outcome);
        Assert.Equal("Jos\u00e9@Example.com", stored!.Email);
    }

    [Fact]
    public async Task AnAddressThatIsNotValidUnicodeIsRefusedNamingUsername()
    {
        var registration = await _accounts.CreateUserAsync("ann\ud800@example.com", "long-enough", null);

        Assert.Equal("username", SingleError(registration).Field);
        _users.VerifyNoOtherCalls();
    }
}
