using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.IntegrationTests;

/// <summary>What an app gets for a request the service refuses: the right status, a JSON error body, and nothing queued.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RequestErrorTests(SharedService shared) : IClassFixture<SharedService>
{
    private const int OneMiB = 1024 * 1024;

    private RunningService Service => shared.Service;

    [Theory]
    [InlineData("GET", "login")]
    [InlineData("GET", "get_vehicles")]
    [InlineData("PUT", "get_make")]
    [InlineData("DELETE", "get_model")]
    [InlineData("GET", "push")]
    [InlineData("PATCH", "push")]
    public async Task AnyMethodButPostAnswers405WithAllowPost(string method, string endpoint)
    {
        var answer = await Service.Client.SendAsync(endpoint, method == "GET" ? null : new FormUrlEncodedContent([]), new HttpMethod(method));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal("METHOD_NOT_ALLOWED", answer.Code);
        Assert.Contains(method, (string)answer.Body["error"]!);
        Assert.Equal(["POST"], answer.Response.Content.Headers.Allow);
    }

    [Theory]
    [MemberData(nameof(UnknownPaths.Cases), MemberType = typeof(UnknownPaths))]
    public Task AnUnknownPathUnderTheApiAnswers404NotFoundInTheJsonForm(string method, string path) =>
        UnknownPaths.AnswersNotFoundAsync(Service.Client, method, path);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyOverOneMiBAnswers413(bool sendLength)
    {
        var account = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);
        var body = Encoding.ASCII.GetBytes(SeedExample.FormBody(token, account.VehicleId, DateTimeOffset.UtcNow.ToUnixTimeSeconds()) + "&padding=");
        var padded = body.Concat(Enumerable.Repeat((byte)'x', OneMiB + 1 - body.Length)).ToArray();

        var answer = await Service.Client.SendAsync("push", sendLength
            ? WireCalls.RawBody(padded, "application/x-www-form-urlencoded")
            : new UnknownLengthContent(padded, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("PAYLOAD_TOO_LARGE", answer.Code);
        Assert.Empty(shared.Sent.For(account.VehicleId));
    }

    [Fact]
    public async Task ABodyOfExactlyOneMiBIsRead()
    {
        var account = await Service.CreateAccountAsync();
        var body = Encoding.ASCII.GetBytes(WireCalls.FormBody([("username", account.Email), ("password", account.Password)]) + "&padding=");
        var padded = body.Concat(Enumerable.Repeat((byte)'x', OneMiB - body.Length)).ToArray();

        var answer = await Service.Client.SendAsync("login", new UnknownLengthContent(padded, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task MoreThanAThousandSnapshotsAnswer413()
    {
        var account = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 2000;
        var fields = new List<(string, string)> { ("token", token), ("vehicle_id", account.VehicleId) };
        fields.AddRange(Enumerable.Range(0, 1001).Select(i => ($"data[{i}][timestamp]", $"{t + i}")));

        var answer = await Service.Client.PostFormAsync("push", [.. fields]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("PAYLOAD_TOO_LARGE", answer.Code);
        Assert.Contains("1000", (string)answer.Body["error"]!);
        Assert.Empty(shared.Sent.For(account.VehicleId));
    }

    [Fact]
    public async Task AnInvalidPushListsEveryProblemByFieldAndQueuesNothing()
    {
        var account = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var answer = await Service.Client.PostFormAsync("push",
            ("token", token), ("vehicle_id", account.VehicleId),
            ("data[0][timestamp]", $"{now - 60}"),
            ("data[0][general][speed]", "fast"),
            ("data[0][general][state]", "5"),
            ("data[0][general][motor][0][coolfluid_pump]", "0.5"),
            ("data[0][general][motor][256][rpm]", "100"),
            ("data[0][general][batt][0][soc]", "101"),
            ("data[0][general][gps][lat]", "91"), ("data[0][general][gps][lng]", "10.9252"),
            ("data[1][timestamp]", $"{now * 1000}"),
            ("data[2][general][speed]", "80"),
            ("data[3][timestamp]", $"{now - 30}"), ("data[3][general][speed]", "90"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("VALIDATION_FAILED", answer.Code);
        Assert.Equal(
            [
                "data[0][general][batt][0][soc]",
                "data[0][general][gps][acc]",
                "data[0][general][gps][lat]",
                "data[0][general][motor][0][coolfluid_pump]",
                "data[0][general][motor][256]",
                "data[0][general][speed]",
                "data[0][general][state]",
                "data[1][timestamp]",
                "data[2][timestamp]",
            ],
            answer.ErrorFields.Order(StringComparer.Ordinal));
        var errors = answer.Body["errors"]!.AsArray().ToDictionary(e => (string)e!["field"]!, e => (string)e!["error"]!);
        Assert.Contains("milliseconds", errors["data[1][timestamp]"]);
        Assert.Contains("required", errors["data[0][general][gps][acc]"]);
        // All or nothing: the valid snapshot data[3] is not queued either.
        Assert.Empty(shared.Sent.For(account.VehicleId));
    }

    [Fact]
    public async Task PushingToSomeoneElsesOrAnUnknownVehicleIsRefused()
    {
        var token = await Service.Client.LoginAsync(await Service.CreateAccountAsync());
        var other = await Service.CreateAccountAsync();
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;

        var forbidden = await Service.Client.PostFormAsync("push", SeedExample.Form(token, other.VehicleId, t));
        var unknown = await Service.Client.PostFormAsync("push", SeedExample.Form(token, "abcdefg1234", t));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal("VEHICLE_FORBIDDEN", forbidden.Code);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("VEHICLE_NOT_FOUND", unknown.Code);
        Assert.Empty(shared.Sent.For(other.VehicleId));
    }
}
