using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;

namespace EvMonitor.Core.Tests.Api;

public sealed class RequestBodyParserContentTypeTests
{
    private static async Task<(ApiResult? Failure, FieldBag Fields)> ParseAsync(string? contentType, string body)
    {
        var fields = new FieldBag();
        var failure = await RequestBodyParser.ParseAsync(Requests.Post(contentType, body), fields);
        return (failure, fields);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("application/octet-stream")]
    [InlineData("not a media type")]
    public async Task ReadsJsonGivenAMissingOrUnknownTypeAndABodyStartingWithABrace(string? contentType)
    {
        var (failure, fields) = await ParseAsync(contentType, """{"token":"abc"}""");

        Assert.Null(failure);
        Assert.Equal("abc", fields["token"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    public async Task ReadsAFormGivenAMissingOrUnknownTypeAndAnyOtherBody(string? contentType)
    {
        var (failure, fields) = await ParseAsync(contentType, "token=abc&make=energica");

        Assert.Null(failure);
        Assert.Equal("abc", fields["token"]);
        Assert.Equal("energica", fields["make"]);
    }

    [Theory]
    [InlineData(" \r\n\t{\"token\":\"abc\"}")]
    [InlineData("\uFEFF{\"token\":\"abc\"}")]
    [InlineData("\uFEFF\r\n{\"token\":\"abc\"}")]
    public async Task SniffsJsonAfterWhitespaceOrAByteOrderMark(string body)
    {
        var (failure, fields) = await ParseAsync(null, body);

        Assert.Null(failure);
        Assert.Equal("abc", fields["token"]);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF8")]
    [InlineData("application/vnd.evmonitor+json")]
    public async Task ReadsJsonGivenAJsonType(string contentType)
    {
        var (failure, fields) = await ParseAsync(contentType, """{"token":"abc"}""");

        Assert.Null(failure);
        Assert.Equal("abc", fields["token"]);
    }

    [Fact]
    public async Task ReadsAFormGivenTheFormTypeEvenWhenTheBodyStartsWithABrace()
    {
        var (failure, fields) = await ParseAsync("application/x-www-form-urlencoded; charset=utf-8", "{x}=1&token=abc");

        Assert.Null(failure);
        Assert.Equal("1", fields["{x}"]);
        Assert.Equal("abc", fields["token"]);
    }

    [Theory]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/x-www-form-urlencoded; charset=windows-1252")]
    [InlineData("text/plain; charset=utf-16")]
    public async Task ReturnsUnsupportedMediaTypeGivenACharsetOtherThanUtf8(string contentType)
    {
        var (failure, _) = await ParseAsync(contentType, "token=abc");

        Assert.Equal(415, failure?.Status);
        Assert.Equal(ErrorCodes.UnsupportedMediaType, failure?.Code);
    }

    [Theory]
    [InlineData("multipart/mixed; boundary=abc")]
    [InlineData("multipart/related; boundary=abc")]
    public async Task ReturnsUnsupportedMediaTypeGivenAMultipartTypeOtherThanFormData(string contentType)
    {
        var (failure, _) = await ParseAsync(contentType, "--abc--\r\n");

        Assert.Equal(415, failure?.Status);
        Assert.Equal(ErrorCodes.UnsupportedMediaType, failure?.Code);
        Assert.StartsWith("ERROR", failure?.Success);
    }
}
