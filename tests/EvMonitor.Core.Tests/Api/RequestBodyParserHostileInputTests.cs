using System.Text;
using EvMonitor.Api;

namespace EvMonitor.Core.Tests.Api;

/// <summary>Bodies the fuzz tests (tests/EvMonitor.Fuzz.Tests) found answering 500; each now gets a 400 naming the problem.</summary>
public sealed class RequestBodyParserHostileInputTests
{
    private sealed class Fields : IFieldSink
    {
        public readonly List<(string Key, string Value)> Read = [];

        public void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value) => Read.Add((key.ToString(), value.ToString()));
    }

    private static ValueTask<ApiResult?> ParseAsync(string contentType, string body, Fields? fields = null) =>
        RequestBodyParser.ParseAsync(new ApiRequest("POST", contentType, Encoding.UTF8.GetBytes(body)), fields ?? new Fields());

    [Fact]
    public async Task AMultipartBoundaryLongerThanSeventyCharactersIsAMalformedBody()
    {
        var boundary = new string('b', 5000);

        var failure = await ParseAsync($"multipart/form-data; boundary={boundary}",
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nx\r\n--{boundary}--\r\n");

        Assert.NotNull(failure);
        Assert.Equal(400, failure.Status);
        Assert.Equal(ErrorCodes.MalformedBody, failure.Code);
        Assert.Contains("boundary", (string)failure.Json()["error"]!);
    }

    [Fact]
    public async Task AMultipartBoundaryOfSeventyCharactersIsRead()
    {
        var boundary = new string('b', 70);
        var fields = new Fields();

        var failure = await ParseAsync($"multipart/form-data; boundary={boundary}",
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nx\r\n--{boundary}--\r\n", fields);

        Assert.Null(failure);
        Assert.Equal([("token", "x")], fields.Read);
    }

    [Theory]
    [InlineData("""{"username":"\ud800","password":"x"}""")]
    [InlineData("""{"username":"rider@example.com","password":"a\udfffb"}""")]
    [InlineData("""{"\ud800":"x"}""")]
    [InlineData("""{"data":[{"timestamp":1732550400,"general":{"\udc00speed":1}}]}""")]
    public async Task AJsonStringWithAnUnpairedSurrogateEscapeIsAMalformedBody(string json)
    {
        var failure = await ParseAsync("application/json", json);

        Assert.NotNull(failure);
        Assert.Equal(400, failure.Status);
        Assert.Equal(ErrorCodes.MalformedBody, failure.Code);
        Assert.Contains("surrogate", (string)failure.Json()["error"]!);
    }

    [Fact]
    public async Task AJsonStringWithAPairedSurrogateEscapeIsRead()
    {
        var fields = new Fields();

        var failure = await ParseAsync("application/json", """{"user-agent":"\ud83d\ude97 app"}""", fields);

        Assert.Null(failure);
        Assert.Equal([("user-agent", "\U0001F697 app")], fields.Read);
    }
}
