using System.Text;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;

namespace EvMonitor.Core.Tests.Api;

/// <summary>
/// Bodies whose cost grew faster than their size: what a sink is handed stays in proportion to the
/// body, and a field name over the limit is refused before any sink sees it.
/// </summary>
public sealed class RequestBodyParserCostTests
{
    /// <summary>Counts what every sink has to look at: the characters of the keys it is handed.</summary>
    private sealed class KeyCounter : IFieldSink
    {
        public long KeyChars;
        public int Fields;

        public void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
        {
            KeyChars += key.Length;
            Fields++;
        }
    }

    private static ValueTask<ApiResult?> ParseAsync(string contentType, string body, IFieldSink sink) =>
        RequestBodyParser.ParseAsync(Requests.Post(contentType, body), sink);

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static void AssertMalformed(ApiResult? failure, string mentioning)
    {
        Assert.NotNull(failure);
        Assert.Equal(400, failure.Status);
        Assert.Equal(ErrorCodes.MalformedBody, failure.Code);
        Assert.Contains(mentioning, (string)failure.Json()["error"]!);
    }

    [Fact]
    public async Task AJsonNameOverTheLimitIsRefusedBeforeAnyOfItsValuesIsHandedOver()
    {
        // The shape that cost 20 s of CPU at 550 KB: one long name over an array of many values.
        var counter = new KeyCounter();
        var body = "{\"" + new string('k', 300_000) + "\":[" + string.Join(',', Enumerable.Repeat('0', 100_000)) + "]}";

        var failure = await ParseAsync(Requests.JsonType, body, counter);

        AssertMalformed(failure, $"longer than {ApiLimits.MaxFieldNameLength} characters");
        Assert.Equal(0, counter.Fields);
    }

    [Fact]
    public async Task NestedJsonNamesAddingUpToMoreThanTheLimitAreRefused()
    {
        var name = new string('n', 100);
        var body = Repeat($"{{\"{name}\":", 11) + "1" + new string('}', 11);

        var failure = await ParseAsync(Requests.JsonType, body, new KeyCounter());

        AssertMalformed(failure, "nnnn");
    }

    [Fact]
    public async Task AJsonNameOfExactlyTheLimitIsRead()
    {
        var recorder = new FieldRecorder();
        var name = new string('k', ApiLimits.MaxFieldNameLength - "[0]".Length);

        var failure = await ParseAsync(Requests.JsonType, $"{{\"{name}\":[\"v\"]}}", recorder);

        Assert.Null(failure);
        Assert.Equal([(name + "[0]", "v")], recorder.Fields);
    }

    public static TheoryData<string> KeysOverManyValues => new()
    {
        // A name just under the limit over as many values as fit: each value would be handed the whole name.
        "{\"" + new string('k', 1000) + "\":[" + string.Join(',', Enumerable.Repeat('0', 200_000)) + "]}",
        // 31 levels of arrays over many values: every value's key is 31 indexes long.
        "{\"data\":" + new string('[', 31) + string.Join(',', Enumerable.Repeat('0', 200_000)) + new string(']', 31) + "}",
    };

    [Theory]
    [MemberData(nameof(KeysOverManyValues))]
    public async Task TheKeysHandedOverFromJsonStayWithinTheirBudgetPerByteOfBody(string body)
    {
        var counter = new KeyCounter();

        var failure = await ParseAsync(Requests.JsonType, body, counter);

        AssertMalformed(failure, $"more than {ApiLimits.MaxFieldNameCharsPerBodyByte} characters per byte");
        Assert.InRange(counter.KeyChars, 1, (long)ApiLimits.MaxFieldNameCharsPerBodyByte * Encoding.UTF8.GetByteCount(body));
    }

    [Fact]
    public async Task AValidPushOfManyBatteriesWithOneLetterReadingsIsWithinTheBudget()
    {
        // The most key per byte a real push needs: implicit snapshot and battery indexes, one-letter names.
        var battery = "{\"v\":1,\"i\":1,\"w\":1}";
        var snapshot = $"{{\"timestamp\":1732550400,\"general\":{{\"batt\":[{string.Join(',', Enumerable.Repeat(battery, 256))}]}}}}";
        var body = $"{{\"data\":[{string.Join(',', Enumerable.Repeat(snapshot, 50))}]}}";
        var counter = new KeyCounter();

        var failure = await ParseAsync(Requests.JsonType, body, counter);

        Assert.Null(failure);
        Assert.Equal(50 * (1 + 3 * 256), counter.Fields);
    }

    [Fact]
    public async Task AFormKeyOverTheLimitIsAMalformedBody()
    {
        var counter = new KeyCounter();

        var failure = await ParseAsync(Requests.FormType, "token=x&" + Repeat("data%5B0%5D", 200) + "=1&vehicle_id=y", counter);

        AssertMalformed(failure, "'data[0]data[0]");
        Assert.Equal(1, counter.Fields);
    }

    [Fact]
    public async Task AFormKeyOfExactlyTheLimitIsRead()
    {
        var recorder = new FieldRecorder();
        var key = new string('k', ApiLimits.MaxFieldNameLength);

        var failure = await ParseAsync(Requests.FormType, key + "=v", recorder);

        Assert.Null(failure);
        Assert.Equal([(key, "v")], recorder.Fields);
    }

    [Fact]
    public async Task AMultipartNameOverTheLimitIsAMalformedBody()
    {
        var body = Requests.MultipartField(new string('k', ApiLimits.MaxFieldNameLength + 1), "v") + $"--{Requests.Boundary}--\r\n";

        var failure = await ParseAsync(Requests.MultipartType, body, new KeyCounter());

        AssertMalformed(failure, "'kkkk");
    }

    [Fact]
    public async Task ABodyWithMoreTopLevelFieldsThanTheLimitIsAMalformedBodyForAPlainEndpoint()
    {
        var fields = Enumerable.Range(0, ApiLimits.MaxTopLevelFields).Select(i => ($"f{i}", "x")).Append(("username", "ann@example.com"));

        var (read, failure) = await RequestFields.ReadAsync(Requests.Post(Requests.FormType, Requests.FormBody(fields)));

        Assert.Null(read);
        AssertMalformed(failure, $"more than {ApiLimits.MaxTopLevelFields} top-level fields");
    }

    [Fact]
    public async Task RepeatingAFieldAndNestedKeysDoNotCountAgainstTheTopLevelLimit()
    {
        var fields = Enumerable.Range(0, 1000).Select(i => ("token", $"t{i}"))
            .Concat(Enumerable.Range(0, 1000).Select(i => ($"data[{i}][timestamp]", "1")))
            .Concat(Enumerable.Range(0, ApiLimits.MaxTopLevelFields - 1).Select(i => ($"f{i}", "x")));

        var (read, failure) = await RequestFields.ReadAsync(Requests.Post(Requests.FormType, Requests.FormBody(fields)));

        Assert.Null(failure);
        Assert.Equal("t999", read!["token"]);
    }
}
