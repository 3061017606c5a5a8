using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;

namespace EvMonitor.Core.Tests.Api;

public sealed class RequestBodyParserJsonTests
{
    private static async Task<(ApiResult? Failure, List<(string Key, string Value)> Fields)> ParseAsync(string json)
    {
        var recorder = new FieldRecorder();
        var failure = await RequestBodyParser.ParseAsync(Requests.Json(json), recorder);
        return (failure, recorder.Fields);
    }

    [Fact]
    public async Task SpellsNestedObjectsAsBracketKeys()
    {
        var (failure, fields) = await ParseAsync("""{"token":"abc","data":{"0":{"general":{"speed":87}}}}""");

        Assert.Null(failure);
        Assert.Equal([("token", "abc"), ("data[0][general][speed]", "87")], fields);
    }

    [Fact]
    public async Task SpellsArrayPositionsAsIndexes()
    {
        var (_, fields) = await ParseAsync("""{"data":[{"timestamp":1},{"timestamp":2}]}""");

        Assert.Equal([("data[0][timestamp]", "1"), ("data[1][timestamp]", "2")], fields);
    }

    [Fact]
    public async Task SpellsObjectsKeyedByIndexLikeTheForm()
    {
        var (_, fields) = await ParseAsync("""{"data":[{"general":{"motor":{"1":{"rpm":3200},"7":{"rpm":10}}}}]}""");

        Assert.Equal([("data[0][general][motor][1][rpm]", "3200"), ("data[0][general][motor][7][rpm]", "10")], fields);
    }

    [Theory]
    [InlineData("87", "87")]
    [InlineData("87.5", "87.5")]
    [InlineData("8.7e1", "8.7e1")]
    [InlineData("-0", "-0")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    public async Task PassesNumbersOnAsWritten(string number, string expected)
    {
        var (_, fields) = await ParseAsync($$"""{"speed":{{number}}}""");

        Assert.Equal([("speed", expected)], fields);
    }

    [Fact]
    public async Task SkipsNullAsNotSent()
    {
        var (_, fields) = await ParseAsync("""{"token":"abc","user-agent":null,"data":[{"general":{"speed":null}}]}""");

        Assert.Equal([("token", "abc")], fields);
    }

    [Fact]
    public async Task SpellsBooleansAsWords()
    {
        var (_, fields) = await ParseAsync("""{"a":true,"b":false}""");

        Assert.Equal([("a", "true"), ("b", "false")], fields);
    }

    [Fact]
    public async Task DecodesEscapedStrings()
    {
        var (_, fields) = await ParseAsync("""{"user-agent":"My \"cool\" app \u26a1"}""");

        Assert.Equal([("user-agent", "My \"cool\" app ⚡")], fields);
    }

    [Fact]
    public async Task SkipsAByteOrderMark()
    {
        var (failure, fields) = await ParseAsync("\uFEFF{\"token\":\"abc\"}");

        Assert.Null(failure);
        Assert.Equal([("token", "abc")], fields);
    }

    [Theory]
    [InlineData("""{"token":"abc" """)]
    [InlineData("""{"token":abc}""")]
    [InlineData("""{"token":"abc"}}""")]
    [InlineData("{")]
    public async Task ReturnsMalformedBodyGivenInvalidJson(string json)
    {
        var (failure, _) = await ParseAsync(json);

        Assert.Equal(400, failure?.Status);
        Assert.Equal(ErrorCodes.MalformedBody, failure?.Code);
    }

    [Theory]
    [InlineData("""[{"token":"abc"}]""")]
    [InlineData("\"token\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task ReturnsMalformedBodyGivenARootThatIsNotAnObject(string json)
    {
        var (failure, fields) = await ParseAsync(json);

        Assert.Equal(400, failure?.Status);
        Assert.Equal(ErrorCodes.MalformedBody, failure?.Code);
        Assert.Contains("must be an object", (string?)failure?.Json()["error"]);
        Assert.Empty(fields);
    }

    [Fact]
    public async Task ReturnsMalformedBodyGivenNestingDeeperThanTheLimit()
    {
        var json = "{\"a\":" + new string('[', 40) + new string(']', 40) + "}";

        var (failure, _) = await ParseAsync(json);

        Assert.Equal(ErrorCodes.MalformedBody, failure?.Code);
    }

    [Fact]
    public async Task ReadsNestingWithinTheLimit()
    {
        var json = "{\"a\":" + new string('[', 20) + "1" + new string(']', 20) + "}";

        var (failure, fields) = await ParseAsync(json);

        Assert.Null(failure);
        Assert.Equal("a" + string.Concat(Enumerable.Repeat("[0]", 20)), Assert.Single(fields).Key);
    }
}
