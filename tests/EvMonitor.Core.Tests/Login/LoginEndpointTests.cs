using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.Login;
using EvMonitor.Storage;
using Moq;

namespace EvMonitor.Core.Tests.Login;

public sealed class LoginEndpointTests
{
    private const string Email = "ann@example.com";
    private const string Password = "correct horse battery staple";

    private readonly Session _session = new();
    private readonly Mock<IUserStore> _users = new();
    private readonly LoginEndpoint _endpoint;

    public LoginEndpointTests()
    {
        var hasher = new PasswordHasher(iterations: 1000);
        _users.Setup(u => u.FindByEmailAsync(Email, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new User("aabbcc112233", Email, hasher.Hash(Password), "Ann", SeedPush.Now));
        _endpoint = new LoginEndpoint(_users.Object, hasher, _session.Authenticator, _session.Throttle);
    }

    [Fact]
    public async Task ReturnsATokenAndItsExpiryGivenTheRightCredentials()
    {
        var result = await _endpoint.HandleAsync(Requests.Form(("username", Email), ("password", Password)));

        Assert.Equal(200, result.Status);
        Assert.Equal(["SUCCESS", "token", "expires"], result.Json().Select(p => p.Key));
        Assert.Equal("OK", result.Success);
        var token = (string)result.Json()["token"]!;
        Assert.True(Tokens.IsWellFormed(token));
        Assert.Equal(SeedPush.Now.AddMinutes(10).ToUnixTimeSeconds(), (long)result.Json()["expires"]!);
        _session.TokenStore.Verify(s => s.AddAsync(It.Is<SessionToken>(t => t.TokenHash == Tokens.Hash(token) && t.UserId == "aabbcc112233"),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AcceptsAJsonBody()
    {
        var result = await _endpoint.HandleAsync(Requests.Json($$"""{"username":"{{Email}}","password":"{{Password}}"}"""));

        Assert.Equal(200, result.Status);
    }

    [Fact]
    public async Task AnswersWrongEmailAndWrongPasswordAlike()
    {
        var wrongEmail = await _endpoint.HandleAsync(Requests.Form(("username", "bob@example.com"), ("password", Password)));
        var wrongPassword = await _endpoint.HandleAsync(Requests.Form(("username", Email), ("password", "guess")));

        Assert.Equal(401, wrongEmail.Status);
        Assert.Equal(401, wrongPassword.Status);
        Assert.Equal("""{"SUCCESS":"ERROR","error":"Email / Password combination wrong!","code":"INVALID_CREDENTIALS"}""", wrongEmail.ToJsonString());
        Assert.Equal(wrongEmail.ToJsonString(), wrongPassword.ToJsonString());
        _session.TokenStore.Verify(s => s.AddAsync(It.IsAny<SessionToken>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("username")]
    [InlineData("password")]
    public async Task ReturnsValidationFailedNamingAMissingField(string missing)
    {
        var fields = new[] { ("username", Email), ("password", Password) }.Where(f => f.Item1 != missing).ToArray();

        var result = await _endpoint.HandleAsync(Requests.Form(fields));

        Assert.Equal(400, result.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, result.Code);
        Assert.Equal($$"""[{"field":"{{missing}}","error":"is required"}]""", result.Json()["errors"]!.ToJsonString());
        _users.Verify(u => u.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ListsEveryMissingField()
    {
        var result = await _endpoint.HandleAsync(Requests.Form(("username", " ")));

        Assert.Equal(["username", "password"], result.Json()["errors"]!.AsArray().Select(e => (string)e!["field"]!));
    }

    [Fact]
    public async Task ReturnsMalformedBodyGivenBrokenJson()
    {
        var result = await _endpoint.HandleAsync(Requests.Json("""{"username":"""));

        Assert.Equal(400, result.Status);
        Assert.Equal(ErrorCodes.MalformedBody, result.Code);
    }
}
