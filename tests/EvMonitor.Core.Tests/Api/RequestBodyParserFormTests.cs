using System.Text;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;

namespace EvMonitor.Core.Tests.Api;

public sealed class RequestBodyParserFormTests
{
    private static List<(string Key, string Value)> Parse(string body)
    {
        var recorder = new FieldRecorder();
        RequestBodyParser.ParseForm(Encoding.UTF8.GetBytes(body), recorder);
        return recorder.Fields;
    }

    [Fact]
    public void KeepsBracketKeysAsWritten()
    {
        var fields = Parse("data[0][general][motor][1][rpm]=3200");

        Assert.Equal([("data[0][general][motor][1][rpm]", "3200")], fields);
    }

    [Fact]
    public void DecodesPercentEncodedBrackets()
    {
        var fields = Parse("data%5B0%5D%5Btimestamp%5D=1732550400");

        Assert.Equal([("data[0][timestamp]", "1732550400")], fields);
    }

    [Theory]
    [InlineData("user-agent=My+cool+app", "My cool app")]
    [InlineData("user-agent=My%20cool%20app%21", "My cool app!")]
    [InlineData("user-agent=a%2Bb%3Dc%26d", "a+b=c&d")]
    [InlineData("user-agent=Caf%C3%A9", "Café")]
    [InlineData("user-agent=100%", "100%")]
    [InlineData("user-agent=%zz", "%zz")]
    public void DecodesPercentAndPlusInValues(string body, string expected)
    {
        Assert.Equal([("user-agent", expected)], Parse(body));
    }

    [Fact]
    public void DecodesPlusInKeys()
    {
        Assert.Equal([("my key", "v")], Parse("my+key=v"));
    }

    [Fact]
    public void KeepsTheLastValueGivenARepeatedKey()
    {
        var bag = new FieldBag();
        RequestBodyParser.ParseForm("token=first&token=second"u8, bag);

        Assert.Equal("second", bag["token"]);
    }

    [Fact]
    public void SkipsEmptyPairsAndEmptyKeys()
    {
        var fields = Parse("&&a=1&&=orphan&b=2&");

        Assert.Equal([("a", "1"), ("b", "2")], fields);
    }

    [Fact]
    public void ReadsAKeyWithoutEqualsSignAsAnEmptyValue()
    {
        Assert.Equal([("flag", ""), ("a", "1")], Parse("flag&a=1"));
    }

    [Fact]
    public void KeepsEverythingAfterTheFirstEqualsSignInTheValue()
    {
        Assert.Equal([("a", "b=c")], Parse("a=b=c"));
    }

    [Theory]
    [InlineData("a=%FF", "\uFFFD")]
    [InlineData("a=x%C3", "x\uFFFD")]
    public void ReplacesInvalidUtf8WithTheReplacementCharacter(string body, string expected)
    {
        Assert.Equal([("a", expected)], Parse(body));
    }

    [Fact]
    public void ReplacesRawInvalidUtf8BytesWithTheReplacementCharacter()
    {
        var recorder = new FieldRecorder();
        RequestBodyParser.ParseForm([(byte)'a', (byte)'=', 0xFF, (byte)'b'], recorder);

        Assert.Equal([("a", "\uFFFDb")], recorder.Fields);
    }

    [Fact]
    public void ReadsNothingGivenAnEmptyBody()
    {
        Assert.Empty(Parse(""));
    }
}
