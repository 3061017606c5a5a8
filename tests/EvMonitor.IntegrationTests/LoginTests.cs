using System.Net;
using EvMonitor.IntegrationTests.Support;
using static EvMonitor.IntegrationTests.Support.WireCalls;

namespace EvMonitor.IntegrationTests;

[Collection(AzuriteCollection.Name)]
public sealed class LoginTests(SharedService shared) : IClassFixture<SharedService>
{
    private RunningService Service => shared.Service;

    [Theory]
    [InlineData(BodyKind.Form)]
    [InlineData(BodyKind.Multipart)]
    [InlineData(BodyKind.Json)]
    [InlineData(BodyKind.SniffedForm)]
    [InlineData(BodyKind.SniffedJson)]
    public async Task LoginAnswersATenMinuteTokenInEveryEncoding(BodyKind kind)
    {
        var account = await Service.CreateAccountAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var answer = await Service.Client.PostAsync(kind, "login", ("username", account.Email), ("password", account.Password));
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("OK", answer.Success);
        // Lowercase letters and digits, at least 128 random bits: 25 characters of 36 symbols.
        Assert.Matches("^[a-z0-9]{25,}$", (string)answer.Body["token"]!);
        Assert.InRange((long)answer.Body["expires"]!, before + 600, after + 600);
    }

    [Fact]
    public async Task TheTokenWorksInTheBodyAndAsBearerHeader()
    {
        var account = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);

        var inBody = await Service.Client.PostFormAsync("get_vehicles", ("token", token));
        var asBearer = await Service.Client.SendAsync("get_vehicles", new FormUrlEncodedContent([]), bearerToken: token);
        var bearerWithJsonBody = await Service.Client.SendAsync("get_make", RawBody("""{"make":"energica"}""", "application/json"), bearerToken: token);

        Assert.Equal(HttpStatusCode.OK, inBody.Status);
        Assert.Equal(HttpStatusCode.OK, asBearer.Status);
        Assert.Equal(inBody.Body.ToJsonString(), asBearer.Body.ToJsonString());
        Assert.Equal("Energica", (string)bearerWithJsonBody.Body["name"]!);
    }

    [Fact]
    public async Task EmailIsComparedCaseInsensitivelyAndEachLoginGivesAnotherValidToken()
    {
        var account = await Service.CreateAccountAsync();

        var first = await Service.Client.PostFormAsync("login", ("username", account.Email.ToUpperInvariant()), ("password", account.Password));
        var second = await Service.Client.PostFormAsync("login", ("username", account.Email), ("password", account.Password));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotEqual((string)first.Body["token"]!, (string)second.Body["token"]!);
        foreach (var token in new[] { (string)first.Body["token"]!, (string)second.Body["token"]! })
            Assert.Equal(HttpStatusCode.OK, (await Service.Client.PostFormAsync("get_vehicles", ("token", token))).Status);
    }

    [Fact]
    public async Task WrongPasswordAndUnknownUserGetTheSameAnswer()
    {
        var account = await Service.CreateAccountAsync();

        var wrongPassword = await Service.Client.PostFormAsync("login", ("username", account.Email), ("password", "not-the-password"));
        var unknownUser = await Service.Client.PostFormAsync("login", ("username", "nobody-" + account.Email), ("password", account.Password));

        foreach (var answer in new[] { wrongPassword, unknownUser })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
            Assert.Equal("INVALID_CREDENTIALS", answer.Code);
            Assert.Equal("Email / Password combination wrong!", (string)answer.Body["error"]!);
        }
        Assert.Equal(wrongPassword.Body.ToJsonString(), unknownUser.Body.ToJsonString());
    }

    [Fact]
    public async Task MissingCredentialsAreListedByField()
    {
        var answer = await Service.Client.PostJsonAsync("login", []);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("VALIDATION_FAILED", answer.Code);
        Assert.Equal(["username", "password"], answer.ErrorFields);
    }
}
