using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;

namespace EvMonitor.Core.Tests.Api;

public sealed class RequestBodyParserMultipartTests
{
    private static async Task<(ApiResult? Failure, List<(string Key, string Value)> Fields)> ParseAsync(string contentType, string body)
    {
        var recorder = new FieldRecorder();
        var failure = await RequestBodyParser.ParseAsync(Requests.Post(contentType, body), recorder);
        return (failure, recorder.Fields);
    }

    [Fact]
    public async Task ReadsEveryFieldWithItsBracketKey()
    {
        var (failure, fields) = await ParseAsync(Requests.MultipartType,
            Requests.MultipartBody([("token", "abc"), ("data[0][general][motor][1][rpm]", "3200"), ("user-agent", "My cool app")]));

        Assert.Null(failure);
        Assert.Equal([("token", "abc"), ("data[0][general][motor][1][rpm]", "3200"), ("user-agent", "My cool app")], fields);
    }

    [Fact]
    public async Task ReadsUtf8Values()
    {
        var (_, fields) = await ParseAsync(Requests.MultipartType, Requests.MultipartBody([("user-agent", "Café ⚡")]));

        Assert.Equal([("user-agent", "Café ⚡")], fields);
    }

    [Fact]
    public async Task AcceptsAQuotedBoundary()
    {
        var (failure, fields) = await ParseAsync($"multipart/form-data; boundary=\"{Requests.Boundary}\"", Requests.MultipartBody([("token", "abc")]));

        Assert.Null(failure);
        Assert.Equal([("token", "abc")], fields);
    }

    [Fact]
    public async Task SkipsFileParts()
    {
        var body = Requests.MultipartField("token", "abc")
            + $"--{Requests.Boundary}\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"log.csv\"\r\nContent-Type: text/csv\r\n\r\nspeed\r\n87\r\n"
            + Requests.MultipartField("vehicle_id", "abcdefg1234")
            + $"--{Requests.Boundary}--\r\n";

        var (failure, fields) = await ParseAsync(Requests.MultipartType, body);

        Assert.Null(failure);
        Assert.Equal([("token", "abc"), ("vehicle_id", "abcdefg1234")], fields);
    }

    [Fact]
    public async Task ReturnsMalformedBodyGivenNoBoundary()
    {
        var (failure, fields) = await ParseAsync("multipart/form-data", Requests.MultipartBody([("token", "abc")]));

        Assert.Equal(400, failure?.Status);
        Assert.Equal(ErrorCodes.MalformedBody, failure?.Code);
        Assert.Empty(fields);
    }

    [Fact]
    public async Task ReturnsMalformedBodyGivenATruncatedBody()
    {
        var (failure, _) = await ParseAsync(Requests.MultipartType, $"--{Requests.Boundary}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nab");

        Assert.Equal(400, failure?.Status);
        Assert.Equal(ErrorCodes.MalformedBody, failure?.Code);
    }
}
